package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A transaction as MX Bank reports it on a day. {@code id} is the same for the same transaction on any day it is
 * asked for; {@code postedOn} is null while {@code status} is PENDING. {@code amount} is positive and {@code type}
 * (DEBIT or CREDIT) gives its direction; the category pair and flags follow MX's transaction fields.
 */
public record BankTransaction(String id, String accountId, LocalDate transactedOn, LocalDate postedOn, String status,
                              String type, BigDecimal amount, String description, String originalDescription,
                              String category, String topLevelCategory, String merchantCategoryCode, boolean isIncome,
                              boolean isExpense, boolean isFee, boolean isPayrollAdvance, boolean isBillPay,
                              boolean isDirectDeposit, boolean isRecurring, boolean isSubscription) {
    public static final String PENDING = "PENDING";
    public static final String POSTED = "POSTED";
}
