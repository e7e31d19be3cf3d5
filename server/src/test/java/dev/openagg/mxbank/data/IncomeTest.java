package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.SEEDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class IncomeTest {
    private static final int YEAR = 2024;
    private static final LocalDate TODAY = LocalDate.of(2025, 3, 1);

    @Test
    void interest_is_the_sum_of_the_years_interest_credits() {
        for (String seed : SEEDS) {
            List<BankTransaction> year = yearOf(seed);
            List<YearlyIncome> income = BANK.income(seed, YEAR);

            for (YearlyIncome figures : income.subList(0, 2)) {
                assertThat(figures.interest()).isPositive().isEqualByComparingTo(
                        sum(year, t -> t.accountId().equals(figures.accountId())
                                && t.category().equals("Interest Income") && t.type().equals("CREDIT")));
            }
            assertThat(income).extracting(YearlyIncome::taxYear).containsOnly(YEAR);
        }
    }

    @Test
    void dividends_are_the_brokerages_distributions_of_the_year() {
        for (String seed : SEEDS) {
            YearlyIncome brokerage = BANK.income(seed, YEAR).get(2);
            List<BankTransaction> year = yearOf(seed);

            assertThat(brokerage.accountId()).isEqualTo(Fixtures.account(seed, TODAY, "INVESTMENT").id());
            assertThat(brokerage.ordinaryDividends()).isPositive().isEqualByComparingTo(
                    sum(year, t -> t.description().startsWith("Dividend ")));
            assertThat(brokerage.capitalGainDistributions()).isEqualByComparingTo(
                    sum(year, t -> t.description().startsWith("Capital Gain Distribution")));
            assertThat(brokerage.qualifiedDividends()).isBetween(BigDecimal.ZERO, brokerage.ordinaryDividends());
            assertThat(brokerage.proceeds()).isEqualByComparingTo(sum(year, t -> t.category().equals("Sell")));
            assertThat(brokerage.costBasisSold()).isEqualByComparingTo(
                    sum(year, t -> t.category().equals("Buy") && t.description().startsWith("Buy ")));
        }
    }

    @Test
    void wages_and_withholding_match_the_paychecks_deposited() {
        for (String seed : SEEDS) {
            YearlyIncome checking = BANK.income(seed, YEAR).get(0);
            BigDecimal deposited = sum(yearOf(seed), t -> t.category().equals("Paycheck"));

            assertThat(checking.wages()).isGreaterThan(deposited);
            assertThat(checking.federalWithheld().doubleValue() / checking.wages().doubleValue()).isCloseTo(0.12,
                    within(0.001));
            assertThat(deposited.doubleValue() / checking.wages().doubleValue()).isCloseTo(0.7635, within(0.001));
            assertThat(BANK.income(seed, YEAR).subList(1, 3)).allSatisfy(other ->
                    assertThat(other.wages()).isZero());
        }
    }

    private static List<BankTransaction> yearOf(String seed) {
        return BANK.transactions(seed, LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 12, 31));
    }

    private static BigDecimal sum(List<BankTransaction> transactions, Predicate<BankTransaction> which) {
        return Fixtures.sum(transactions.stream().filter(which).map(BankTransaction::amount).toList());
    }
}
