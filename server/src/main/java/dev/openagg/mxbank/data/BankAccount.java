package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An MX Bank account as of a day. {@code id} is the bank's own stable id; {@code type} is MX's account type
 * (CHECKING, SAVINGS, CREDIT_CARD, INVESTMENT). A credit card's {@code balance} is the amount owed and its
 * {@code availableBalance} the credit still available; {@code interestRate} is the APY of deposit accounts and the
 * APR of the card (percent). Money has scale 2.
 */
public record BankAccount(String id, String name, String type, String subtype, String accountNumber,
                          String routingNumber, BigDecimal balance, BigDecimal availableBalance, BigDecimal creditLimit,
                          BigDecimal interestRate, LocalDate openedOn, String currencyCode) {
}
