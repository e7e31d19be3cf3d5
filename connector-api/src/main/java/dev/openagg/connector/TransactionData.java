package dev.openagg.connector;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A transaction as the institution reports it; {@code sourceId} is stable across jobs, so a pending transaction
 * that posts later is updated, not duplicated. {@code amount} is positive and {@code type} (DEBIT or CREDIT) gives
 * its direction; {@code postedOn} is null while {@code status} is PENDING.
 */
public record TransactionData(String sourceId, String accountSourceId, LocalDate transactedOn, LocalDate postedOn,
                              String status, String type, BigDecimal amount, String description,
                              String originalDescription, String category, String topLevelCategory,
                              Integer merchantCategoryCode, boolean isIncome, boolean isExpense, boolean isFee,
                              boolean isPayrollAdvance, boolean isBillPay, boolean isDirectDeposit,
                              boolean isRecurring, boolean isSubscription) {
}
