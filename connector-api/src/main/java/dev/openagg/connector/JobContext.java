package dev.openagg.connector;

import java.time.Instant;
import java.util.Map;

/**
 * What a connector knows about the step it is asked to run.
 *
 * @param jobGuid     the job, stable across all its steps
 * @param kind        what the job is for
 * @param userGuid    the member's user
 * @param memberGuid  the member
 * @param credentials the member's credentials by {@code field_name} (for example {@code LOGIN}, {@code PASSWORD})
 * @param state       what the connector's previous step of this job returned, or {@code null} on the first step
 * @param now         the engine's clock at the start of the step
 * @param earlierJobs       how many jobs this member ran before this one, of any kind (0 on its first job); lets
 *                          an institution behave differently on a member's first job, or on every third
 * @param earlierJobsOfKind how many of those were of this job's {@code kind}
 */
public record JobContext(
        String jobGuid,
        JobKind kind,
        String userGuid,
        String memberGuid,
        Map<String, String> credentials,
        String state,
        Instant now,
        int earlierJobs,
        int earlierJobsOfKind) {

    public JobContext {
        credentials = Map.copyOf(credentials);
        if (earlierJobsOfKind < 0 || earlierJobs < earlierJobsOfKind) {
            throw new IllegalArgumentException("earlier job counts must satisfy 0 <= ofKind <= all");
        }
    }

    public String credential(String fieldName) {
        return credentials.get(fieldName);
    }

    @Override
    public String toString() {
        return "JobContext[job=" + jobGuid + ", kind=" + kind + ", member=" + memberGuid + "]";
    }
}
