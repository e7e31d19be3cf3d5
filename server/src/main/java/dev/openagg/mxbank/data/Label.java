package dev.openagg.mxbank.data;

/**
 * What a transaction says about itself: the clean and the raw description, MX's category pair, the merchant category
 * code and the MX flags (a bit set of the constants below).
 */
record Label(String description, String originalDescription, String category, String topLevelCategory,
             String merchantCategoryCode, int flags) {
    static final int INCOME = 1;
    static final int EXPENSE = 1 << 1;
    static final int FEE = 1 << 2;
    static final int PAYROLL_ADVANCE = 1 << 3;
    static final int BILL_PAY = 1 << 4;
    static final int DIRECT_DEPOSIT = 1 << 5;
    static final int RECURRING = 1 << 6;
    static final int SUBSCRIPTION = 1 << 7;

    static final String INTEREST_INCOME = "Interest Income";
    static final String DIVIDENDS = "Dividend & Cap Gains";

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** A label with no merchant category code, for transfers, payroll and interest. */
    static Label plain(String description, String originalDescription, String category, String topLevel, int flags) {
        return new Label(description, originalDescription, category, topLevel, null, flags);
    }
}
