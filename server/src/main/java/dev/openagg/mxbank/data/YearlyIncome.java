package dev.openagg.mxbank.data;

import java.math.BigDecimal;

/**
 * One account's figures for a tax year, as tax forms report them: interest (1099-INT) for checking and savings, the
 * sum of the year's interest credits; dividends, capital gain distributions, and sale proceeds with their cost basis
 * (1099-DIV, 1099-B) for the brokerage, the sums of its distributions and sales; wages and federal tax withheld (W-2)
 * for the checking account the pay is deposited into. Figures that do not apply are zero.
 */
public record YearlyIncome(int taxYear, String accountId, BigDecimal interest, BigDecimal ordinaryDividends,
                           BigDecimal qualifiedDividends, BigDecimal capitalGainDistributions, BigDecimal proceeds,
                           BigDecimal costBasisSold, BigDecimal wages, BigDecimal federalWithheld) {
}
