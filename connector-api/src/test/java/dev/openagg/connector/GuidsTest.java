package dev.openagg.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GuidsTest {
    @Test
    void a_guid_is_the_prefix_and_a_version_7_uuid_of_the_current_time() {
        long before = System.currentTimeMillis();
        String guid = Guids.next("TRN");
        long after = System.currentTimeMillis();

        assertThat(guid).matches("TRN-[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        UUID uuid = UUID.fromString(guid.substring(4));
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void guids_of_later_milliseconds_sort_after_earlier_ones() {
        String earlier = Guids.uuid(1_700_000_000_000L);
        String later = Guids.uuid(1_700_000_000_001L);
        String muchLater = Guids.uuid(1_900_000_000_000L);

        assertThat(earlier).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
        assertThat(earlier).startsWith("018bcfe5-6800-7");
    }

    @Test
    void guids_of_the_same_millisecond_differ_in_their_random_bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Guids.uuid(1_700_000_000_000L));
        }

        assertThat(seen).hasSize(10_000);
    }
}
