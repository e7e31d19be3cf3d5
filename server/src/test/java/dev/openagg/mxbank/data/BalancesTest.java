package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.SEEDS;
import static dev.openagg.mxbank.data.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalancesTest {
    @Test
    void checking_balance_moves_by_the_transactions_posted_in_the_last_30_days() {
        for (String seed : SEEDS) {
            for (int back = 0; back < 62; back++) {
                assertMovesByPosted(seed, "CHECKING", TODAY.minusDays(back), 30);
            }
        }
    }

    @Test
    void savings_and_credit_card_balances_move_by_their_posted_transactions_too() {
        for (String seed : SEEDS) {
            for (int back = 0; back < 62; back += 3) {
                assertMovesByPosted(seed, "SAVINGS", TODAY.minusDays(back), 30);
                assertMovesByPosted(seed, "CREDIT_CARD", TODAY.minusDays(back), 30);
            }
            assertMovesByPosted(seed, "CHECKING", TODAY, 730);
        }
    }

    @Test
    void a_balance_is_the_opening_balance_plus_everything_posted_since_the_account_opened() {
        for (String seed : SEEDS) {
            for (String type : List.of("CHECKING", "SAVINGS", "CREDIT_CARD")) {
                LocalDate opened = Fixtures.account(seed, TODAY, type).openedOn();
                BigDecimal opening = Fixtures.account(seed, opened.minusDays(1), type).balance();
                BankAccount now = Fixtures.account(seed, TODAY, type);
                List<BankTransaction> all = Fixtures.of(BANK.transactions(seed, opened.minusDays(10), TODAY), now);

                BigDecimal posted = Fixtures.sum(all.stream().filter(t -> t.status().equals(BankTransaction.POSTED))
                        .map(t -> Fixtures.signed(t, type)).toList());
                assertThat(all).allMatch(t -> !t.transactedOn().isBefore(opened));
                assertThat(now.balance()).as(seed + " " + type).isEqualByComparingTo(opening.add(posted));
            }
        }
    }

    @Test
    void available_balance_is_the_balance_less_pending_debits() {
        for (String seed : SEEDS) {
            List<BankTransaction> recent = BANK.transactions(seed, TODAY.minusDays(5), TODAY);
            for (BankAccount account : BANK.accounts(seed, TODAY)) {
                BigDecimal pendingDebits = Fixtures.sum(Fixtures.of(recent, account).stream()
                        .filter(t -> t.status().equals(BankTransaction.PENDING) && t.type().equals("DEBIT"))
                        .map(BankTransaction::amount).toList());
                switch (account.type()) {
                    case "CHECKING", "SAVINGS" -> assertThat(account.availableBalance())
                            .isEqualByComparingTo(account.balance().subtract(pendingDebits));
                    case "CREDIT_CARD" -> assertThat(account.availableBalance()).isEqualByComparingTo(
                            account.creditLimit().subtract(account.balance()).subtract(pendingDebits));
                    default -> assertThat(account.availableBalance()).isPositive();
                }
            }
        }
    }

    @Test
    void the_brokerage_balance_is_its_holdings_market_value_plus_cash() {
        for (String seed : SEEDS) {
            for (int back = 0; back < 400; back += 50) {
                LocalDate day = TODAY.minusDays(back);
                BankAccount brokerage = Fixtures.account(seed, day, "INVESTMENT");
                BigDecimal holdings = Fixtures.sum(BANK.holdings(seed, day).stream()
                        .map(BankHolding::marketValue).toList());

                assertThat(brokerage.balance()).isEqualByComparingTo(holdings.add(brokerage.availableBalance()));
            }
        }
    }

    private static void assertMovesByPosted(String seed, String type, LocalDate today, int days) {
        LocalDate before = today.minusDays(days);
        BankAccount now = Fixtures.account(seed, today, type);
        List<BankTransaction> window = Fixtures.of(BANK.transactions(seed, before.minusDays(5), today), now);
        BigDecimal posted = Fixtures.sum(window.stream()
                .filter(t -> t.status().equals(BankTransaction.POSTED) && t.postedOn().isAfter(before))
                .map(t -> Fixtures.signed(t, type)).toList());

        assertThat(now.balance().subtract(Fixtures.account(seed, before, type).balance()))
                .as("%s %s on %s", seed, type, today)
                .isEqualByComparingTo(posted);
    }
}
