package dev.openagg.mxbank.data;

import java.math.BigDecimal;

/** MX Bank's four accounts, in the order they are listed, with the MX account type of each. */
enum Kind {
    CHECKING("chk", "CHECKING", "NONE", "MX Bank Checking"),
    SAVINGS("sav", "SAVINGS", "NONE", "MX Bank Savings"),
    CREDIT_CARD("crd", "CREDIT_CARD", "NONE", "MX Bank Visa Signature"),
    INVESTMENT("inv", "INVESTMENT", "BROKERAGE", "MX Bank Brokerage");

    final String suffix;
    final String type;
    final String subtype;
    final String title;

    Kind(String suffix, String type, String subtype, String title) {
        this.suffix = suffix;
        this.type = type;
        this.subtype = subtype;
        this.title = title;
    }

    /**
     * How a transaction moves this account's balance: credits raise a deposit account's balance, while on a credit
     * card, whose balance is the amount owed, debits (purchases) raise it.
     */
    BigDecimal signed(String transactionType, BigDecimal amount) {
        boolean raises = (this == CREDIT_CARD) == Entry.DEBIT.equals(transactionType);
        return raises ? amount : amount.negate();
    }
}
