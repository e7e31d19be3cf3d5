package dev.openagg.job;

import dev.openagg.connector.Harvest;
import dev.openagg.connector.JobKind;
import dev.openagg.member.Member;
import org.jdbi.v3.core.Handle;

/**
 * Stores what a successful job brought back. Called inside the transaction that marks the member CONNECTED, so a
 * reader sees the old data or the new data, never half of each.
 */
public interface HarvestSink {
    Stored store(Handle h, Member member, JobKind kind, Harvest harvest);

    /** What a sink wrote, for the AGGREGATION webhook's counts. */
    record Stored(int transactionsCreated, int transactionsUpdated, int statementsCreated) {
        public static final Stored NOTHING = new Stored(0, 0, 0);

        public Stored(int transactionsCreated, int transactionsUpdated) {
            this(transactionsCreated, transactionsUpdated, 0);
        }

        Stored plus(Stored other) {
            return new Stored(transactionsCreated + other.transactionsCreated,
                    transactionsUpdated + other.transactionsUpdated, statementsCreated + other.statementsCreated);
        }
    }
}
