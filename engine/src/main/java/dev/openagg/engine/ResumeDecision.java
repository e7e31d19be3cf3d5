package dev.openagg.engine;

import dev.openagg.connector.ConnectionStatus;
import java.util.List;

/** What a resume (the end user's answers) comes to. */
public sealed interface ResumeDecision {

    /** The answers are taken; the job's next step runs. */
    record Resumed(Transition transition) implements ResumeDecision {
    }

    /** The member has no open challenge. */
    record NotChallenged(ConnectionStatus status) implements ResumeDecision {
    }

    /** The challenge expired before it was answered; a new job must be started. */
    record Expired() implements ResumeDecision {
    }

    /** The answers do not fit the open challenges; nothing changes. */
    record InvalidAnswers(List<String> problems) implements ResumeDecision {
        public InvalidAnswers {
            problems = List.copyOf(problems);
        }
    }
}
