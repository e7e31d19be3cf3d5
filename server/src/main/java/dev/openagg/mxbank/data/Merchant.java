package dev.openagg.mxbank.data;

import java.math.BigDecimal;

/**
 * A place the member spends money, with MX's category pair, its merchant category code and the usual range of a
 * purchase there (before the member's spending scale). {@code raw} is the processor's description; a {@code %d} in
 * it becomes a store number.
 */
record Merchant(String name, String raw, String category, String topLevelCategory, String mcc, double min, double max,
                int flags) {
    static final String FOOD = "Food & Dining";
    static final String AUTO = "Auto & Transport";
    static final String BILLS = "Bills & Utilities";
    static final String HEALTH = "Health & Fitness";
    static final String SHOPPING = "Shopping";
    static final String ENTERTAINMENT = "Entertainment";

    static Merchant purchase(String name, String raw, String category, String top, String mcc, double min, double max) {
        return new Merchant(name, raw, category, top, mcc, min, max, Label.EXPENSE);
    }

    static Merchant bill(String name, String raw, String category, String top, String mcc, double min, double max) {
        return new Merchant(name, raw, category, top, mcc, min, max, Label.EXPENSE | Label.BILL_PAY | Label.RECURRING);
    }

    static Merchant subscription(String name, String raw, String category, String top, String mcc, double price) {
        return new Merchant(name, raw, category, top, mcc, price, price,
                Label.EXPENSE | Label.RECURRING | Label.SUBSCRIPTION);
    }

    Label label(Dice dice) {
        String original = raw.contains("%d") ? raw.replace("%d", String.valueOf(dice.between(100, 9999))) : raw;
        return new Label(name, original, category, topLevelCategory, mcc, flags);
    }

    /** A purchase amount: uniform in the range, times the member's spending scale. */
    BigDecimal amount(Dice dice, double scale) {
        return Money.times(dice.money(min, max), scale);
    }
}
