package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.SEEDS;
import static dev.openagg.mxbank.data.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountsTest {
    @Test
    void every_member_has_checking_savings_credit_card_and_investment_accounts() {
        for (String seed : SEEDS) {
            List<BankAccount> accounts = BANK.accounts(seed, TODAY);

            assertThat(accounts).extracting(BankAccount::type)
                    .containsExactly("CHECKING", "SAVINGS", "CREDIT_CARD", "INVESTMENT");
            assertThat(accounts).allSatisfy(a -> {
                assertThat(a.id()).matches("act-[0-9a-f]{12}-(chk|sav|crd|inv)");
                assertThat(a.name()).startsWith("MX Bank");
                assertThat(a.currencyCode()).isEqualTo("USD");
                assertThat(a.balance().scale()).isEqualTo(2);
                assertThat(a.availableBalance().scale()).isEqualTo(2);
                assertThat(a.openedOn()).isBefore(TODAY.minusYears(3));
                assertThat(a.creditLimit() == null).isEqualTo(!a.type().equals("CREDIT_CARD"));
            });
            assertThat(accounts.get(0).routingNumber()).isEqualTo(accounts.get(1).routingNumber()).hasSize(9);
            assertThat(accounts.get(0).accountNumber()).matches("\\d{10}");
            assertThat(accounts.get(1).interestRate()).isBetween(new BigDecimal("3.00"), new BigDecimal("5.00"));
            assertThat(accounts.get(3).subtype()).isEqualTo("BROKERAGE");
        }
    }

    @Test
    void account_ids_and_numbers_are_stable_whatever_the_day() {
        for (String seed : SEEDS) {
            List<BankAccount> now = BANK.accounts(seed, TODAY);
            List<BankAccount> earlier = BANK.accounts(seed, TODAY.minusDays(400));

            assertThat(earlier).extracting(BankAccount::id).isEqualTo(now.stream().map(BankAccount::id).toList());
            assertThat(earlier).extracting(BankAccount::accountNumber)
                    .isEqualTo(now.stream().map(BankAccount::accountNumber).toList());
            assertThat(earlier).extracting(BankAccount::openedOn)
                    .isEqualTo(now.stream().map(BankAccount::openedOn).toList());
        }
    }

    @Test
    void the_credit_card_number_passes_the_luhn_check() {
        for (String seed : SEEDS) {
            String number = Fixtures.account(seed, TODAY, "CREDIT_CARD").accountNumber();

            assertThat(number).matches("4\\d{15}");
            assertThat(luhnSum(number) % 10).isZero();
        }
    }

    @Test
    void the_credit_card_balance_is_what_is_owed_within_its_limit() {
        for (String seed : SEEDS) {
            for (int back = 0; back < 730; back += 23) {
                BankAccount card = Fixtures.account(seed, TODAY.minusDays(back), "CREDIT_CARD");

                assertThat(card.balance()).isPositive().isLessThan(card.creditLimit());
                assertThat(card.availableBalance()).isLessThanOrEqualTo(card.creditLimit().subtract(card.balance()));
                assertThat(card.interestRate()).isBetween(new BigDecimal("10"), new BigDecimal("30"));
            }
        }
    }

    @Test
    void deposit_balances_stay_plausible_for_years() {
        for (String seed : SEEDS) {
            for (int back = 0; back < 3 * 365; back += 17) {
                List<BankAccount> accounts = BANK.accounts(seed, TODAY.minusDays(back));

                assertThat(accounts.get(0).balance()).isBetween(new BigDecimal("100"), new BigDecimal("20000"));
                assertThat(accounts.get(1).balance()).isBetween(new BigDecimal("1000"), new BigDecimal("500000"));
            }
        }
    }

    private static int luhnSum(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum;
    }
}
