package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Dollars and cents: every monetary value MX Bank gives has scale 2. */
final class Money {
    static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private Money() {
    }

    static BigDecimal of(double dollars) {
        return BigDecimal.valueOf(dollars).setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** value × factor, to the cent. */
    static BigDecimal times(BigDecimal value, double factor) {
        return round(value.multiply(BigDecimal.valueOf(factor)));
    }
}
