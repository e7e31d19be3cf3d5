package dev.openagg.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarvestTest {

    @Test
    void parts_left_unset_are_not_fetched_and_set_parts_are_kept_by_name() {
        OwnerData owner = new OwnerData("acct-1", "Ada Lovelace", "Ada", "Lovelace", null, null, null, null, null,
                null, null);

        Harvest harvest = Harvest.builder().owners(List.of(owner)).accountNumbers(List.of()).build();

        assertThat(harvest.owners()).containsExactly(owner);
        assertThat(harvest.accountNumbers()).isEmpty();
        assertThat(harvest.accounts()).isNull();
        assertThat(harvest.transactions()).isNull();
        assertThat(harvest.holdings()).isNull();
        assertThat(harvest.taxDocuments()).isNull();
        assertThat(harvest.statements()).isNull();
        assertThat(harvest).hasToString("Harvest[accounts=-, transactions=-, holdings=-, owners=1, accountNumbers=0, "
                + "taxDocuments=-, statements=-]");
    }

    @Test
    void a_harvest_keeps_its_own_copy_of_each_list() {
        List<AccountNumberData> numbers = new ArrayList<>(List.of(new AccountNumberData("a", "123", "011000015")));

        Harvest harvest = Harvest.builder().accountNumbers(numbers).build();
        numbers.clear();

        assertThat(harvest.accountNumbers()).hasSize(1);
    }
}
