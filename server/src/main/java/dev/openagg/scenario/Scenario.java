package dev.openagg.scenario;

import dev.openagg.connector.ConnectionStatus;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.connector.JobContext;
import dev.openagg.connector.JobKind;
import dev.openagg.institution.ConsentOutcomes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test institution scripted by its users: who may log in, what each login is asked, how it ends and what data it
 * brings back. Read and checked by {@link ScenarioReader}; run by {@link ScenarioConnector}. See docs/scenarios.md.
 *
 * @param logins         tried in order; the first whose {@code when} matches the member's credentials wins
 * @param onWrongAnswer  what a wrong answer does where neither the round nor the login says
 * @param answerOutcomes answers that end the job at once, in any round
 * @param data           the data of logins that give none
 * @param fingerprint    changes whenever the scenario does, so a job that outlives an edit can tell
 * @param consentOutcomes what choices on an OAuth institution's consent page come to, where not MX's usual outcome
 */
public record Scenario(InstitutionInfo institution, List<Login> logins, WrongAnswer onWrongAnswer,
                       List<AnswerOutcome> answerOutcomes, ScenarioData data, String fingerprint,
                       Map<ConsentOutcomes.Choice, Outcome> consentOutcomes) {

    public Scenario {
        consentOutcomes = Map.copyOf(consentOutcomes);
    }

    /** The login rule the member's credentials select, with its index, if any matches. */
    Optional<Integer> loginFor(Map<String, String> credentials) {
        for (int i = 0; i < logins.size(); i++) {
            if (logins.get(i).matches(credentials)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** How a job ends when it has passed every step: connected, or a failure status with its message. */
    public record Outcome(ConnectionStatus status, String message) {
        public static final Outcome CONNECTED = new Outcome(ConnectionStatus.CONNECTED, null);
        public static final Outcome REJECTED = new Outcome(ConnectionStatus.REJECTED, null);
    }

    /**
     * What a wrong answer does: the same round is asked again {@code retries} times, then the job ends in
     * {@code end}, or goes on at step {@code goTo} when that is set.
     */
    public record WrongAnswer(int retries, Outcome end, Integer goTo) {
        public static final WrongAnswer REJECT = new WrongAnswer(0, Outcome.REJECTED, null);
    }

    /** An answer that ends the job at once, whatever was asked (MX Bank's error passwords work as answers). */
    public record AnswerOutcome(AnswerRule answer, Outcome outcome) {
    }

    /** The steps of one job and how it ends; null parts fall back to the login's, then the institution's. */
    public record Flow(List<ScenarioStep> steps, Outcome outcome, ScenarioData data, WrongAnswer onWrongAnswer) {
    }

    /** A login rule: the credentials it matches, its flow, and flows for particular jobs. */
    public record Login(Map<String, String> when, Flow flow, List<JobCase> jobs, List<AnswerOutcome> answerOutcomes) {

        boolean matches(Map<String, String> credentials) {
            return when.entrySet().stream().allMatch(e -> e.getValue().equals(credentials.get(e.getKey())));
        }

        /** The flow of this job: that of the first job case it matches, else the login's; -1 for the login's. */
        int caseFor(JobContext context) {
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).matches(context)) {
                    return i;
                }
            }
            return -1;
        }

        Flow flow(int jobCase) {
            return jobCase < 0 ? flow : jobs.get(jobCase).flow();
        }
    }

    /**
     * A flow for some jobs only: those of {@code kinds} (all when empty), whose number among the member's jobs (1 for
     * its first; counting only jobs of the same kind when {@code countKind}) is in {@code attempts} (any when
     * empty) and a multiple of {@code every}.
     */
    public record JobCase(Set<JobKind> kinds, Set<Integer> attempts, int every, boolean countKind, Flow flow) {

        boolean matches(JobContext context) {
            int attempt = 1 + (countKind ? context.earlierJobsOfKind() : context.earlierJobs());
            return (kinds.isEmpty() || kinds.contains(context.kind()))
                    && (attempts.isEmpty() || attempts.contains(attempt))
                    && attempt % every == 0;
        }
    }
}
