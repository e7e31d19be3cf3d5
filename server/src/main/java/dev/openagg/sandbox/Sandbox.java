package dev.openagg.sandbox;

import dev.openagg.job.HarvestSink;
import dev.openagg.job.StepOverride;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * What the sandbox's controls keep between requests, as the server wires it: login resets (which decide job steps
 * in place of the connector) and added transactions (merged into every harvest).
 */
public final class Sandbox {
    private final LoginResets logins;
    private final AddedTransactions transactions;
    private final Clock clock;

    public Sandbox(Jdbi jdbi, Clock clock) {
        this.logins = new LoginResets(jdbi, clock);
        this.transactions = new AddedTransactions(jdbi, clock);
        this.clock = clock;
    }

    /** For the job engine: the steps of a member whose login was reset end DENIED. */
    public StepOverride steps() {
        return logins;
    }

    /** {@code accounts} (the account writer), seeing the added transactions in every harvest. */
    public HarvestSink withAddedTransactions(HarvestSink accounts) {
        return transactions.into(accounts);
    }

    LoginResets logins() {
        return logins;
    }

    AddedTransactions transactions() {
        return transactions;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
