package dev.openagg.connector;

import java.util.List;

/**
 * The data a successful job brought back from the institution. A null list means "not fetched by this job: keep
 * what is stored"; a list, even an empty one, is what the institution has now. Transactions and documents are
 * merged by their {@code sourceId} (new ones added, known ones updated, none removed); accounts likewise; holdings,
 * owners and account numbers replace the member's previous set.
 */
public record Harvest(
        List<AccountData> accounts,
        List<TransactionData> transactions,
        List<HoldingData> holdings,
        List<OwnerData> owners,
        List<AccountNumberData> accountNumbers,
        List<DocumentData> taxDocuments,
        List<DocumentData> statements) {

    public static Harvest empty() {
        return new Harvest(null, null, null, null, null, null, null);
    }
}
