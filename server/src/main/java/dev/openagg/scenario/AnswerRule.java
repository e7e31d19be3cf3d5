package dev.openagg.scenario;

import java.util.List;
import java.util.regex.Pattern;

/** Which answers a challenge takes: one of some values, those matching a pattern, or any. */
public sealed interface AnswerRule {

    boolean accepts(String answer);

    /** Exactly one of these values. */
    record Values(List<String> values) implements AnswerRule {
        @Override
        public boolean accepts(String answer) {
            return values.contains(answer);
        }
    }

    /** A value the whole pattern matches. */
    record Matching(Pattern pattern) implements AnswerRule {
        @Override
        public boolean accepts(String answer) {
            return pattern.matcher(answer).matches();
        }
    }

    /** Any value at all. */
    record Any() implements AnswerRule {
        @Override
        public boolean accepts(String answer) {
            return true;
        }
    }
}
