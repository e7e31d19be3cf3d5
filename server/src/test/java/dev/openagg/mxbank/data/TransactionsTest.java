package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.SEEDS;
import static dev.openagg.mxbank.data.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class TransactionsTest {
    private static final String SEED = "member-alice";

    @Test
    void a_day_has_the_same_transactions_in_any_window_that_contains_it() {
        LocalDate day = TODAY.minusDays(100);
        List<BankTransaction> shortWindow = onDay(BANK.transactions(SEED, day.minusDays(3), TODAY), day);
        List<BankTransaction> longWindow = onDay(BANK.transactions(SEED, TODAY.minusDays(729), TODAY), day);
        List<BankTransaction> laterWindow = onDay(BANK.transactions(SEED, day, TODAY.plusDays(200)), day);

        assertThat(shortWindow).isNotEmpty().isEqualTo(longWindow);
        assertThat(laterWindow).extracting(BankTransaction::id, BankTransaction::amount, BankTransaction::description)
                .isEqualTo(shortWindow.stream().map(t -> tuple(t.id(), t.amount(),
                        t.description())).toList());
    }

    @Test
    void the_window_runs_from_the_first_day_to_today_inclusive() {
        List<BankTransaction> transactions = BANK.transactions(SEED, TODAY.minusDays(89), TODAY);

        assertThat(transactions).extracting(BankTransaction::transactedOn)
                .allMatch(d -> !d.isBefore(TODAY.minusDays(89)) && !d.isAfter(TODAY))
                .contains(TODAY.minusDays(89), TODAY);
        assertThat(transactions).extracting(BankTransaction::id).doesNotHaveDuplicates();
        assertThat(BANK.transactions(SEED, TODAY.plusDays(1), TODAY)).isEmpty();
    }

    @Test
    void the_last_two_days_are_pending_and_post_later_under_the_same_id() {
        List<BankTransaction> now = BANK.transactions(SEED, TODAY.minusDays(10), TODAY);
        Map<String, BankTransaction> later = BANK.transactions(SEED, TODAY.minusDays(10), TODAY.plusDays(5)).stream()
                .collect(Collectors.toMap(BankTransaction::id, Function.identity()));

        assertThat(now).allSatisfy(t -> {
            boolean recent = t.transactedOn().isAfter(TODAY.minusDays(2));
            assertThat(t.status()).isEqualTo(recent ? BankTransaction.PENDING : BankTransaction.POSTED);
            assertThat(t.postedOn() == null).isEqualTo(recent);
            BankTransaction posted = later.get(t.id());
            assertThat(posted.status()).isEqualTo(BankTransaction.POSTED);
            assertThat(posted.postedOn()).isAfter(t.transactedOn()).isBeforeOrEqualTo(TODAY.plusDays(5));
            assertThat(posted.amount()).isEqualTo(t.amount());
            assertThat(posted.description()).isEqualTo(t.description());
        });
        assertThat(now).anyMatch(t -> t.status().equals(BankTransaction.PENDING));
    }

    @Test
    void checking_and_credit_card_have_several_transactions_a_day() {
        for (String seed : SEEDS) {
            List<BankTransaction> year = BANK.transactions(seed, TODAY.minusDays(364), TODAY);
            for (String type : List.of("CHECKING", "CREDIT_CARD")) {
                int count = Fixtures.of(year, Fixtures.account(seed, TODAY, type)).size();

                assertThat(count / 365.0).as(type).isBetween(2.0, 4.0);
            }
        }
    }

    @Test
    void amounts_are_positive_cents_and_types_are_debit_or_credit() {
        assertThat(BANK.transactions(SEED, TODAY.minusDays(365), TODAY)).allSatisfy(t -> {
            assertThat(t.amount()).isPositive();
            assertThat(t.amount().scale()).isEqualTo(2);
            assertThat(t.type()).isIn("DEBIT", "CREDIT");
            assertThat(t.id()).startsWith("trn-");
            assertThat(t.description()).isNotBlank();
            assertThat(t.originalDescription()).isNotBlank();
            assertThat(t.topLevelCategory()).isNotBlank();
        });
    }

    @Test
    void the_usual_merchants_come_with_mx_categories() {
        List<BankTransaction> transactions = BANK.transactions(SEED, TODAY.minusDays(89), TODAY);

        assertThat(transactions).extracting(BankTransaction::category, BankTransaction::topLevelCategory)
                .contains(pair("Groceries", "Food & Dining"), pair("Gas", "Auto & Transport"),
                        pair("Restaurants", "Food & Dining"), pair("Utilities", "Bills & Utilities"),
                        pair("Paycheck", "Income"), pair("Interest Income", "Income"),
                        pair("Mortgage & Rent", "Home"), pair("Credit Card Payment", "Transfer"),
                        pair("Transfer", "Transfer"), pair("Dividend & Cap Gains", "Investments"));
        assertThat(transactions).anyMatch(t -> t.isSubscription() && t.isRecurring() && t.isExpense());
        assertThat(transactions).filteredOn(t -> t.category().equals("Groceries"))
                .allSatisfy(t -> assertThat(t.merchantCategoryCode()).isIn("5411", "5300"));
        assertThat(transactions).filteredOn(t -> t.category().equals("Paycheck"))
                .allSatisfy(t -> assertThat(t.isIncome() && t.isDirectDeposit() && !t.isExpense()).isTrue());
    }

    @Test
    void pay_arrives_twice_a_month_and_savings_earns_interest_monthly() {
        List<BankTransaction> year = BANK.transactions(SEED, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));

        Map<YearMonth, Long> paychecks = year.stream().filter(t -> t.category().equals("Paycheck"))
                .collect(Collectors.groupingBy(t -> YearMonth.from(t.transactedOn()), Collectors.counting()));
        assertThat(paychecks).hasSize(12).allSatisfy((month, count) -> assertThat(count).isEqualTo(2));
        BankAccount savings = Fixtures.account(SEED, TODAY, "SAVINGS");
        assertThat(Fixtures.of(year, savings)).filteredOn(t -> t.category().equals("Interest Income"))
                .hasSize(12).allSatisfy(t -> assertThat(t.type()).isEqualTo("CREDIT"));
    }

    @Test
    void transfers_and_card_payments_appear_in_both_accounts() {
        List<BankTransaction> transactions = BANK.transactions(SEED, TODAY.minusDays(89), TODAY);
        String checking = Fixtures.account(SEED, TODAY, "CHECKING").id();
        String card = Fixtures.account(SEED, TODAY, "CREDIT_CARD").id();

        List<BankTransaction> payments = transactions.stream()
                .filter(t -> t.accountId().equals(checking) && t.category().equals("Credit Card Payment")).toList();
        assertThat(payments).hasSize(3).allSatisfy(payment -> assertThat(transactions).anyMatch(t ->
                t.accountId().equals(card) && t.type().equals("CREDIT") && t.amount().equals(payment.amount())
                        && t.transactedOn().equals(payment.transactedOn())));
        assertThat(transactions).filteredOn(t -> t.description().equals("Transfer to MX Bank Savings"))
                .hasSize(3).allSatisfy(out -> assertThat(transactions).anyMatch(t ->
                        t.description().equals("Transfer from MX Bank Checking") && t.amount().equals(out.amount())
                                && t.transactedOn().equals(out.transactedOn())));
    }

    @Test
    void two_years_for_one_member_take_well_under_100_ms() {
        for (int i = 0; i < 3; i++) {
            BANK.transactions("warm-up-" + i, TODAY.minusDays(729), TODAY);
        }
        long best = Long.MAX_VALUE;
        for (String seed : SEEDS) {
            long start = System.nanoTime();
            List<BankTransaction> transactions = BANK.transactions(seed, TODAY.minusDays(729), TODAY);
            best = Math.min(best, System.nanoTime() - start);
            assertThat(transactions).hasSizeGreaterThan(3000);
        }
        assertThat(best / 1_000_000).isLessThan(100);
    }

    private static List<BankTransaction> onDay(List<BankTransaction> transactions, LocalDate day) {
        return transactions.stream().filter(t -> t.transactedOn().equals(day)).toList();
    }

    private static Tuple pair(String category, String topLevel) {
        return tuple(category, topLevel);
    }
}
