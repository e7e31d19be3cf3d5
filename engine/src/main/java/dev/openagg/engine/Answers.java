package dev.openagg.engine;

import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks the answers sent to a resume against the open challenges, before any state changes. */
public final class Answers {
    private Answers() {
    }

    /** The answers, matched, or everything wrong with them. */
    public sealed interface Match {
        /** One answer per open challenge, in the challenges' order, option guids turned into option values. */
        record Matched(List<Answer> answers) implements Match {
            public Matched {
                answers = List.copyOf(answers);
            }
        }

        /** What is wrong, one problem a line, each naming the challenge it concerns. */
        record Invalid(List<String> problems) implements Match {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    /**
     * Every open challenge must be answered exactly once, with a value, and nothing else may be answered. For option
     * challenges an answer may name the option by its value or, as MX's widget does, by its guid; both become the
     * option's value.
     */
    public static Match match(List<Challenge> open, List<Answer> sent) {
        if (sent.isEmpty()) {
            return new Match.Invalid(List.of("member.challenges must answer the open challenges: "
                    + open.stream().map(Challenge::guid).collect(Collectors.joining(", "))));
        }
        Map<String, Challenge> byGuid = open.stream().collect(Collectors.toMap(Challenge::guid, Function.identity()));
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Answer answer : sent) {
            Challenge challenge = answer.challengeGuid() == null ? null : byGuid.get(answer.challengeGuid());
            if (challenge == null) {
                problems.add("challenge guid " + answer.challengeGuid() + " is not an open challenge of this member");
            } else if (!seen.add(challenge.guid())) {
                problems.add("challenge " + challenge.guid() + " is answered twice");
            } else if (answer.value() == null || answer.value().isEmpty()) {
                problems.add("challenge " + challenge.guid() + " needs a value");
            } else {
                values.put(challenge.guid(), optionValue(challenge, answer.value()));
            }
        }
        open.stream().filter(c -> !seen.contains(c.guid()))
                .forEach(c -> problems.add("challenge " + c.guid() + " (" + c.label() + ") is not answered"));
        if (!problems.isEmpty()) {
            return new Match.Invalid(problems);
        }
        List<Answer> matched = new ArrayList<>();
        open.forEach(c -> matched.add(new Answer(c.guid(), values.get(c.guid()))));
        return new Match.Matched(matched);
    }

    private static String optionValue(Challenge challenge, String value) {
        return challenge.options().stream()
                .filter(o -> value.equals(o.guid()))
                .map(ChallengeOption::value)
                .findFirst()
                .orElse(value);
    }
}
