package dev.openagg.sandbox;

import dev.openagg.clock.ClientClocks;
import dev.openagg.job.HarvestSink;
import dev.openagg.job.StepOverride;
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
    private final ClientClocks clocks;

    public Sandbox(Jdbi jdbi, ClientClocks clocks) {
        this.logins = new LoginResets(jdbi, clocks.base());
        this.transactions = new AddedTransactions(jdbi, clocks.base());
        this.clocks = clocks;
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

    /** Today on the client's clock. */
    LocalDate today(String clientId) {
        return LocalDate.ofInstant(clocks.of(clientId).now(), ZoneOffset.UTC);
    }
}
