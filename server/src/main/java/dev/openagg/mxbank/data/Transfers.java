package dev.openagg.mxbank.data;

/**
 * The labels of money moving between the member's own MX Bank accounts, and of interest. Each transfer is seen from
 * both ends, so each has a "to" and a "from" side.
 */
final class Transfers {
    private static final String TRANSFER = "Transfer";
    private static final String INVESTMENTS = "Investments";

    private Transfers() {
    }

    private static String last4(String number) {
        return number.substring(number.length() - 4);
    }

    static Label to(Kind kind, Member member, int flags) {
        return Label.plain("Transfer to " + kind.title, "ONLINE TRANSFER TO " + kind.suffix.toUpperCase() + " XXXXXX"
                + last4(number(kind, member)), TRANSFER, TRANSFER, flags);
    }

    static Label from(Kind kind, Member member, int flags) {
        return Label.plain("Transfer from " + kind.title, "ONLINE TRANSFER FROM " + kind.suffix.toUpperCase()
                + " XXXXXX" + last4(number(kind, member)), TRANSFER, TRANSFER, flags);
    }

    static String number(Kind kind, Member member) {
        return switch (kind) {
            case CHECKING -> member.checkingNumber;
            case SAVINGS -> member.savingsNumber;
            case CREDIT_CARD -> member.cardNumber;
            case INVESTMENT -> member.brokerageNumber;
        };
    }

    /** The card's autopay, seen from checking. */
    static Label cardPayment(Member member) {
        return Label.plain("MX Bank Visa Payment", "MX BANK VISA AUTOPAY XXXX" + last4(member.cardNumber),
                "Credit Card Payment", TRANSFER, Label.BILL_PAY | Label.RECURRING);
    }

    /** The card's autopay, seen from the card. */
    static Label paymentReceived() {
        return Label.plain("Payment - Thank You", "AUTOPAY PAYMENT - THANK YOU", "Credit Card Payment", TRANSFER,
                Label.RECURRING);
    }

    /** A card's credit balance paid back to checking (when refunds outweighed a month's purchases). */
    static Label creditBalanceRefund() {
        return Label.plain("MX Bank Visa Credit Balance Refund", "CREDIT BALANCE REFUND", "Credit Card Payment",
                TRANSFER, 0);
    }

    static Label interest() {
        return Label.plain("Interest Earned", "INTEREST PAYMENT", Label.INTEREST_INCOME, "Income",
                Label.INCOME | Label.RECURRING);
    }

    static Label deposit(String description, String original) {
        return Label.plain(description, original, "Deposit", INVESTMENTS, 0);
    }

    static Label withdrawal(String description, String original) {
        return Label.plain(description, original, "Withdrawal", INVESTMENTS, 0);
    }

    /** A purchase or sale of a position: the verb ("Buy" or "Sell") is MX's category too. */
    static Label trade(String verb, Portfolio.Position position) {
        String symbol = position.security().symbol();
        return Label.plain(verb + " " + position.security().name(), verb.toUpperCase() + " "
                + position.shares().stripTrailingZeros().toPlainString() + " " + symbol, verb, INVESTMENTS, 0);
    }

    static Label payout(Portfolio.Payout payout) {
        String symbol = payout.position().security().symbol();
        String what = payout.capitalGain() ? "Capital Gain Distribution" : "Dividend";
        return Label.plain(what + " " + payout.position().security().name(), what.toUpperCase() + " " + symbol,
                Label.DIVIDENDS, INVESTMENTS, Label.INCOME);
    }
}
