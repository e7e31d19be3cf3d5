package dev.openagg.mxbank.data;

import static dev.openagg.mxbank.data.Fixtures.BANK;
import static dev.openagg.mxbank.data.Fixtures.SEEDS;
import static dev.openagg.mxbank.data.Fixtures.TODAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnersTest {
    @Test
    void each_account_has_one_owner_and_it_is_the_same_person_with_an_address() {
        for (String seed : SEEDS) {
            List<BankOwner> owners = BANK.owners(seed);

            assertThat(owners).extracting(BankOwner::accountId)
                    .containsExactlyElementsOf(BANK.accounts(seed, TODAY).stream().map(BankAccount::id).toList());
            assertThat(owners).extracting(BankOwner::ownerName, BankOwner::address, BankOwner::email)
                    .containsOnly(tuple(owners.get(0).ownerName(),
                            owners.get(0).address(), owners.get(0).email()));
            BankOwner owner = owners.get(0);
            assertThat(owner.ownerName()).isEqualTo(owner.firstName() + " " + owner.lastName());
            assertThat(owner.address()).matches("\\d+ .+");
            assertThat(owner.city()).isNotBlank();
            assertThat(owner.state()).matches("[A-Z]{2}");
            assertThat(owner.postalCode()).matches("\\d{5}");
            assertThat(owner.country()).isEqualTo("US");
            assertThat(owner.email()).endsWith("@example.com");
            assertThat(owner.phone()).matches("\\(\\d{3}\\) 555-01\\d{2}");
        }
    }

    @Test
    void the_profile_masks_the_ssn_and_names_mx_bank_as_the_payer() {
        for (String seed : SEEDS) {
            BankProfile profile = BANK.profile(seed);
            BankOwner owner = BANK.owners(seed).get(0);

            assertThat(profile.holderName()).isEqualTo(owner.ownerName());
            assertThat(profile.address()).isEqualTo(owner.address());
            assertThat(profile.postalCode()).isEqualTo(owner.postalCode());
            assertThat(profile.maskedSsn()).matches("\\*\\*\\*-\\*\\*-\\d{4}");
            assertThat(profile.payerName()).isEqualTo("MX Bank");
            assertThat(profile.payerTin()).isEqualTo("12-3456789");
            assertThat(profile.payerAddress()).isNotBlank();
            assertThat(profile.payerCity()).isNotBlank();
            assertThat(profile.payerState()).matches("[A-Z]{2}");
            assertThat(profile.payerPostalCode()).matches("\\d{5}");
        }
    }
}
