package dev.openagg.connector;

import java.util.List;

/**
 * The data a successful job brought back from the institution, built by name:
 * {@code Harvest.builder().accounts(accounts).transactions(transactions).build()}.
 *
 * <p>A part that was not set means "not fetched by this job: keep what is stored"; a list, even an empty one, is
 * what the institution has now. Transactions and documents are merged by their {@code sourceId} (new ones added,
 * known ones updated, none removed); accounts likewise; holdings, owners and account numbers replace the member's
 * previous set. Every record that refers to an account does so by the account's {@code sourceId}.
 */
public final class Harvest {
    private final List<AccountData> accounts;
    private final List<TransactionData> transactions;
    private final List<HoldingData> holdings;
    private final List<OwnerData> owners;
    private final List<AccountNumberData> accountNumbers;
    private final List<DocumentData> taxDocuments;
    private final List<DocumentData> statements;

    private Harvest(Builder b) {
        this.accounts = copy(b.accounts);
        this.transactions = copy(b.transactions);
        this.holdings = copy(b.holdings);
        this.owners = copy(b.owners);
        this.accountNumbers = copy(b.accountNumbers);
        this.taxDocuments = copy(b.taxDocuments);
        this.statements = copy(b.statements);
    }

    /** Nothing fetched: the member's stored data stays as it is. */
    public static Harvest empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The accounts, or null when this job did not fetch them. */
    public List<AccountData> accounts() {
        return accounts;
    }

    /** The transactions, or null when this job did not fetch them. */
    public List<TransactionData> transactions() {
        return transactions;
    }

    /** The investment positions, or null when this job did not fetch them. */
    public List<HoldingData> holdings() {
        return holdings;
    }

    /** The account owners (identity), or null when this job did not fetch them. */
    public List<OwnerData> owners() {
        return owners;
    }

    /** The full account and routing numbers (verification), or null when this job did not fetch them. */
    public List<AccountNumberData> accountNumbers() {
        return accountNumbers;
    }

    /** Tax documents with their PDFs, or null when this job did not fetch them. */
    public List<DocumentData> taxDocuments() {
        return taxDocuments;
    }

    /** Account statements with their PDFs, or null when this job did not fetch them. */
    public List<DocumentData> statements() {
        return statements;
    }

    @Override
    public String toString() {
        return "Harvest[accounts=" + size(accounts) + ", transactions=" + size(transactions) + ", holdings="
                + size(holdings) + ", owners=" + size(owners) + ", accountNumbers=" + size(accountNumbers)
                + ", taxDocuments=" + size(taxDocuments) + ", statements=" + size(statements) + "]";
    }

    private static String size(List<?> list) {
        return list == null ? "-" : String.valueOf(list.size());
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    /** Sets the parts a job fetched; parts left unset are "not fetched". */
    public static final class Builder {
        private List<AccountData> accounts;
        private List<TransactionData> transactions;
        private List<HoldingData> holdings;
        private List<OwnerData> owners;
        private List<AccountNumberData> accountNumbers;
        private List<DocumentData> taxDocuments;
        private List<DocumentData> statements;

        private Builder() {
        }

        public Builder accounts(List<AccountData> value) {
            accounts = value;
            return this;
        }

        public Builder transactions(List<TransactionData> value) {
            transactions = value;
            return this;
        }

        public Builder holdings(List<HoldingData> value) {
            holdings = value;
            return this;
        }

        public Builder owners(List<OwnerData> value) {
            owners = value;
            return this;
        }

        public Builder accountNumbers(List<AccountNumberData> value) {
            accountNumbers = value;
            return this;
        }

        public Builder taxDocuments(List<DocumentData> value) {
            taxDocuments = value;
            return this;
        }

        public Builder statements(List<DocumentData> value) {
            statements = value;
            return this;
        }

        public Harvest build() {
            return new Harvest(this);
        }
    }
}
