package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    private static final String ALICE = "member-alice";
    private static final String BOB = "member-bob";

    @Test
    void same_member_and_day_give_identical_data() {
        MxBankData other = new MxBankData();

        assertThat(other.accounts(ALICE, TODAY)).isEqualTo(BANK.accounts(ALICE, TODAY));
        assertThat(other.transactions(ALICE, TODAY.minusDays(90), TODAY))
                .isNotEmpty()
                .isEqualTo(BANK.transactions(ALICE, TODAY.minusDays(90), TODAY));
        assertThat(other.holdings(ALICE, TODAY)).isEqualTo(BANK.holdings(ALICE, TODAY));
        assertThat(other.owners(ALICE)).isEqualTo(BANK.owners(ALICE));
        assertThat(other.income(ALICE, 2024)).isEqualTo(BANK.income(ALICE, 2024));
        assertThat(other.profile(ALICE)).isEqualTo(BANK.profile(ALICE));
    }

    @Test
    void different_members_get_different_names_amounts_and_account_numbers() {
        assertThat(BANK.profile(ALICE).holderName()).isNotEqualTo(BANK.profile(BOB).holderName());
        assertThat(field(ALICE, BankAccount::accountNumber)).doesNotContainAnyElementsOf(field(BOB,
                BankAccount::accountNumber));
        assertThat(field(ALICE, BankAccount::id)).doesNotContainAnyElementsOf(field(BOB, BankAccount::id));
        assertThat(balances(ALICE)).isNotEqualTo(balances(BOB));
        assertThat(amounts(ALICE)).isNotEqualTo(amounts(BOB));
    }

    private static List<BigDecimal> balances(String seed) {
        return field(seed, BankAccount::balance);
    }

    private static <T> List<T> field(String seed, Function<BankAccount, T> field) {
        return BANK.accounts(seed, TODAY).stream().map(field).toList();
    }

    private static List<BigDecimal> amounts(String seed) {
        return BANK.transactions(seed, TODAY.minusDays(30), TODAY).stream().map(BankTransaction::amount).toList();
    }
}
