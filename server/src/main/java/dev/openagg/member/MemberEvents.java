package dev.openagg.member;

import dev.openagg.connector.JobKind;
import org.jdbi.v3.core.Handle;

/**
 * Hears about changes to members, inside the transaction that makes them, so whatever it records (the webhook
 * outbox) commits or rolls back with the change itself. Implementations must only write through {@code h}.
 */
public interface MemberEvents {

    /** The member's connection status changed from {@code before}'s to {@code after}'s. */
    void statusChanged(Handle h, Member before, Member after);

    /** A job ended CONNECTED and stored its data; counts are of transactions added and updated, statements added. */
    void jobFinished(Handle h, Member member, String jobGuid, JobKind kind, int transactionsCreated,
                     int transactionsUpdated, int statementsCreated);

    /** The member was created, updated or deleted by a client; {@code callbackPayload} is its X-CALLBACK-PAYLOAD. */
    void memberChanged(Handle h, Member member, Action action, String callbackPayload);

    enum Action { CREATED, UPDATED, DELETED }

    MemberEvents NONE = new MemberEvents() {
        @Override
        public void statusChanged(Handle h, Member before, Member after) {
        }

        @Override
        public void jobFinished(Handle h, Member member, String jobGuid, JobKind kind, int created, int updated,
                                int statements) {
        }

        @Override
        public void memberChanged(Handle h, Member member, Action action, String callbackPayload) {
        }
    };
}
