package dev.openagg.mxbank.data;

import java.math.BigDecimal;

/**
 * A position in the brokerage account as of a day, in MX's holding fields. {@code marketValue} is shares × that day's
 * price, to the cent, and {@code dailyChange} its change since the day before.
 */
public record BankHolding(String id, String accountId, String symbol, String description, String cusip,
                          String holdingType, BigDecimal shares, BigDecimal purchasePrice, BigDecimal costBasis,
                          BigDecimal marketValue, BigDecimal dailyChange, String currencyCode) {
}
