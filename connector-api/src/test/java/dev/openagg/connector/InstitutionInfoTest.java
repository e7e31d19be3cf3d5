package dev.openagg.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstitutionInfoTest {

    @Test
    void aggregate_and_balance_are_always_offered_and_the_other_jobs_follow_their_flags() {
        InstitutionInfo verifyOnly = new InstitutionInfo("cu", "CU", null, null, List.of(), false, false, true, false,
                false);
        InstitutionInfo everything = new InstitutionInfo("all", "All", null, null, List.of(), true, true, true, true,
                true);

        assertThat(EnumSet.allOf(JobKind.class).stream().filter(verifyOnly::supports))
                .containsExactlyInAnyOrder(JobKind.AGGREGATE, JobKind.BALANCE, JobKind.VERIFICATION);
        assertThat(EnumSet.allOf(JobKind.class).stream().filter(everything::supports))
                .containsExactlyInAnyOrder(JobKind.values());
    }

    @Test
    void a_job_kind_is_found_by_the_last_segment_of_its_endpoint() {
        assertThat(JobKind.ofPath("fetch_tax_documents")).contains(JobKind.TAX_DOCUMENTS);
        assertThat(JobKind.ofPath("verify")).contains(JobKind.VERIFICATION);
        assertThat(JobKind.ofPath("TAX_DOCUMENTS")).isEmpty();
    }
}
