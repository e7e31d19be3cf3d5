package dev.openagg.job;

import dev.openagg.api.ApiError;
import dev.openagg.api.Problems;
import dev.openagg.connector.Answer;
import dev.openagg.connector.Challenge;
import dev.openagg.connector.ChallengeOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Checks a resume request against the open challenges, before any state changes. */
final class Answers {
    private Answers() {
    }

    /**
     * One answer per open challenge, in the challenges' order. For option challenges an answer may name the
     * option by its value or, as MX's widget does, by its guid; both become the option's value.
     */
    static List<Answer> match(List<Challenge> open, List<Answer> sent) {
        if (sent.isEmpty()) {
            throw ApiError.unprocessable("member.challenges must answer the open challenges: "
                    + open.stream().map(Challenge::guid).collect(Collectors.joining(", ")));
        }
        Map<String, Challenge> byGuid = open.stream().collect(Collectors.toMap(Challenge::guid, Function.identity()));
        Problems problems = new Problems();
        Map<String, String> values = new java.util.HashMap<>();
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
        problems.throwIfAny();
        List<Answer> matched = new ArrayList<>();
        open.forEach(c -> matched.add(new Answer(c.guid(), values.get(c.guid()))));
        return matched;
    }

    private static String optionValue(Challenge challenge, String value) {
        return challenge.options().stream()
                .filter(o -> value.equals(o.guid()))
                .map(ChallengeOption::value)
                .findFirst()
                .orElse(value);
    }
}
