package dev.openagg.testkit;

import dev.openagg.engine.JobRules;
import dev.openagg.engine.ResumeDecision;
import dev.openagg.engine.StartDecision;

/** A refused request: why, and the rules' details in the words the server's error message uses. */
record Refused(Refusal reason, String detail) {

    /** The refusal a start decision comes to, or null when the job started. */
    static Refused of(StartDecision decision) {
        if (decision instanceof StartDecision.Unsupported unsupported) {
            return new Refused(Refusal.UNSUPPORTED, "the member's institution does not support "
                    + unsupported.kind().path() + " jobs");
        } else if (decision instanceof StartDecision.Prevented prevented) {
            return new Refused(Refusal.PREVENTED, "the member is PREVENTED after " + prevented.failedLogins()
                    + " failed logins in a row (" + JobRules.LOGINS_BEFORE_PREVENTED + " prevent); update its"
                    + " credentials first");
        } else if (decision instanceof StartDecision.AlreadyRunning running) {
            return new Refused(Refusal.ALREADY_RUNNING, "a " + running.kind().path()
                    + " job is already running on this member");
        } else if (decision instanceof StartDecision.Busy busy) {
            return new Refused(Refusal.BUSY, "a " + busy.running().path() + " job is already running on this member");
        }
        return null;
    }

    /** The refusal a resume decision comes to, or null when the answers were taken. */
    static Refused of(ResumeDecision decision) {
        if (decision instanceof ResumeDecision.NotChallenged not) {
            return new Refused(Refusal.NOT_CHALLENGED, "the member is not challenged (connection_status "
                    + not.status() + ")");
        } else if (decision instanceof ResumeDecision.Expired) {
            return new Refused(Refusal.EXPIRED, "the challenge expired before it was answered");
        } else if (decision instanceof ResumeDecision.InvalidAnswers invalid) {
            return new Refused(Refusal.INVALID_ANSWERS, String.join("; ", invalid.problems()));
        }
        return null;
    }

    @Override
    public String toString() {
        return reason.described() + ": " + detail;
    }
}
