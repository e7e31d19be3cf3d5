package dev.openagg.ofx;

/**
 * An account of the institution's account list: its kind, the {@code *ACCTFROM} aggregate that names it in
 * requests (sent back exactly as the server gave it), and its description.
 */
record Account(Kind kind, OfxElement from, String description) {

    enum Kind { BANK, CREDIT_CARD, INVESTMENT }

    String accountId() {
        return from.text("ACCTID").orElse("");
    }

    /** A stable id for OpenAgg: the kind, the bank or broker, and the account number. */
    String sourceId() {
        return switch (kind) {
            case BANK -> "bank:" + from.text("BANKID").orElse("") + ":" + accountId();
            case CREDIT_CARD -> "card:" + accountId();
            case INVESTMENT -> "investment:" + from.text("BROKERID").orElse("") + ":" + accountId();
        };
    }
}
