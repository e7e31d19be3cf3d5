package dev.openagg.scenario;

import java.time.Duration;
import java.util.List;

/** One step of a login: a round of challenges answered together, or a pause during which the member is DELAYED. */
public sealed interface ScenarioStep {

    /** Challenges put together; {@code onWrongAnswer} (may be null) overrides the login's for this round. */
    record Round(List<ChallengeSpec> challenges, Scenario.WrongAnswer onWrongAnswer) implements ScenarioStep {
    }

    /** The institution is slow: the member shows DELAYED for {@code delay}, then the next step runs. */
    record Pause(Duration delay) implements ScenarioStep {
    }
}
