package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.SEEDS;
import static dev.openagg.mxbank.data.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HoldingsTest {
    @Test
    void the_brokerage_holds_three_to_six_real_looking_positions() {
        for (String seed : SEEDS) {
            for (int back = 0; back < 365; back += 30) {
                List<BankHolding> holdings = BANK.holdings(seed, TODAY.minusDays(back));
                String brokerage = Fixtures.account(seed, TODAY, "INVESTMENT").id();

                assertThat(holdings).hasSizeBetween(3, 6).allSatisfy(h -> {
                    assertThat(h.accountId()).isEqualTo(brokerage);
                    assertThat(h.symbol()).matches("[A-Z]{1,5}");
                    assertThat(h.cusip()).matches("[0-9A-Z]{9}");
                    assertThat(h.holdingType()).isIn("EQUITY", "EXCHANGE_TRADED_FUND", "MUTUAL_FUND");
                    assertThat(h.shares()).isPositive();
                    assertThat(h.purchasePrice()).isPositive();
                    assertThat(h.marketValue().scale()).isEqualTo(2);
                    assertThat(h.currencyCode()).isEqualTo("USD");
                });
                assertThat(holdings).extracting(BankHolding::id).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void market_value_is_shares_times_a_price_in_cents_and_cost_basis_is_shares_times_purchase_price() {
        for (String seed : SEEDS) {
            for (BankHolding h : BANK.holdings(seed, TODAY)) {
                BigDecimal price = h.marketValue().divide(h.shares(), 2, RoundingMode.HALF_EVEN);

                assertThat(h.marketValue()).isEqualTo(h.shares().multiply(price).setScale(2, RoundingMode.HALF_EVEN));
                assertThat(h.costBasis()).isEqualTo(
                        h.shares().multiply(h.purchasePrice()).setScale(2, RoundingMode.HALF_EVEN));
            }
        }
    }

    @Test
    void prices_drift_from_day_to_day_and_daily_change_is_the_change_in_value() {
        String seed = SEEDS.get(0);
        Map<String, BankHolding> yesterday = BANK.holdings(seed, TODAY.minusDays(1)).stream()
                .collect(Collectors.toMap(BankHolding::id, Function.identity()));
        List<BankHolding> today = BANK.holdings(seed, TODAY);

        assertThat(today).filteredOn(h -> yesterday.containsKey(h.id())).isNotEmpty().allSatisfy(h -> {
            BankHolding before = yesterday.get(h.id());
            assertThat(h.shares()).isEqualTo(before.shares());
            assertThat(h.dailyChange()).isEqualTo(h.marketValue().subtract(before.marketValue()));
        });
        assertThat(today).anyMatch(h -> h.dailyChange().signum() != 0);
        assertThat(BANK.holdings(seed, TODAY)).isEqualTo(today);
    }

    @Test
    void the_yearly_short_term_lot_is_held_from_its_purchase_to_its_sale() {
        String seed = SEEDS.get(1);
        List<BankTransaction> year = BANK.transactions(seed, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        BankTransaction buy = year.stream().filter(t -> t.category().equals("Buy") && t.description().startsWith("Buy"))
                .findFirst().orElseThrow();
        BankTransaction sell = year.stream().filter(t -> t.category().equals("Sell")).findFirst().orElseThrow();

        assertThat(ids(buy.transactedOn().minusDays(1))).doesNotContainAnyElementsOf(lots(buy.transactedOn()));
        assertThat(lots(buy.transactedOn())).hasSize(1);
        assertThat(lots(sell.transactedOn().minusDays(1))).isEqualTo(lots(buy.transactedOn()));
        assertThat(lots(sell.transactedOn())).isEmpty();
    }

    private static List<String> ids(LocalDate day) {
        return BANK.holdings(SEEDS.get(1), day).stream().map(BankHolding::id).toList();
    }

    private static List<String> lots(LocalDate day) {
        return ids(day).stream().filter(id -> id.matches(".*-\\d{4}")).toList();
    }
}
