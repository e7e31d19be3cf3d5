package dev.openagg.connector;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An account as the institution reports it. {@code sourceId} is the institution's own stable id for it, so the
 * same account keeps its OpenAgg guid across jobs. {@code type} is MX's account type (CHECKING, SAVINGS,
 * CREDIT_CARD, INVESTMENT, ...). Money has scale 2; a credit card's {@code balance} is the amount owed.
 */
public record AccountData(String sourceId, String name, String type, String subtype, String accountNumber,
                          String routingNumber, BigDecimal balance, BigDecimal availableBalance,
                          BigDecimal creditLimit, BigDecimal interestRate, LocalDate startedOn, String currencyCode) {
}
