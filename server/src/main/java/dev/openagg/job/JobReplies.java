package dev.openagg.job;

import dev.openagg.api.ApiError;
import dev.openagg.member.JobStarter.Start;
import dev.openagg.member.Member;
import java.util.Optional;

/** Turns the engine's typed results into the member to render or MX's error and status; the HTTP side's one map. */
public final class JobReplies {
    private JobReplies() {
    }

    /** Started or already running: the member (MX answers 202 to both); otherwise MX's error. */
    public static Member started(Optional<Start> result) {
        Start start = result.orElseThrow(() -> ApiError.notFound("member"));
        if (start instanceof Start.Started || start instanceof Start.AlreadyRunning) {
            return start.member();
        } else if (start instanceof Start.Busy busy) {
            return fail(ApiError.conflict("a " + busy.running().path() + " job is already running on this member"));
        } else if (start instanceof Start.Prevented) {
            return fail(ApiError.conflict("the member is PREVENTED after " + dev.openagg.engine.JobRules.LOGINS_BEFORE_PREVENTED
                    + " failed logins in a row; update its credentials first"));
        } else if (start instanceof Start.Unsupported unsupported) {
            return fail(ApiError.badRequest("the member's institution does not support " + unsupported.kind().path()
                    + " jobs"));
        }
        throw new IllegalStateException("unhandled start result " + start);
    }

    /** Resumed: the member; otherwise MX's error. */
    public static Member resumed(Optional<JobEngine.Resume> result) {
        JobEngine.Resume resume = result.orElseThrow(() -> ApiError.notFound("member"));
        if (resume instanceof JobEngine.Resume.Resumed) {
            return resume.member();
        } else if (resume instanceof JobEngine.Resume.InvalidAnswers invalid) {
            return fail(ApiError.unprocessable(String.join("; ", invalid.problems())));
        } else if (resume instanceof JobEngine.Resume.Expired) {
            return fail(ApiError.conflict("the challenge expired before it was answered; start a new job"));
        } else if (resume instanceof JobEngine.Resume.NotChallenged) {
            return fail(ApiError.conflict("the member is not challenged (connection_status "
                    + resume.member().status().connectionStatus() + ")"));
        }
        throw new IllegalStateException("unhandled resume result " + resume);
    }

    private static Member fail(ApiError error) {
        throw error;
    }
}
