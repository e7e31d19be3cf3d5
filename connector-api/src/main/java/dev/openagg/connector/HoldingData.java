package dev.openagg.connector;

import java.math.BigDecimal;

/** A position in an investment account, in MX's holding fields. */
public record HoldingData(String sourceId, String accountSourceId, String symbol, String description, String cusip,
                          String holdingType, BigDecimal shares, BigDecimal purchasePrice, BigDecimal costBasis,
                          BigDecimal marketValue, BigDecimal dailyChange, String currencyCode) {
}
