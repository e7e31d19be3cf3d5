package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.db.Database;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseSettingsTest {

    @Test
    void the_embedded_database_compacts_its_file_only_below_half_full() {
        try (Database database = Database.open(Config.defaults(TestServer.tempDir()).jdbcUrl(), null, null, 2,
                TestKeys.ring())) {
            String rate = database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'AUTO_COMPACT_FILL_RATE'")
                    .mapTo(String.class).one());

            assertThat(rate).isEqualTo(String.valueOf(Config.EMBEDDED_COMPACT_FILL_RATE)).isEqualTo("50");
        }
    }

    /** The tests run H2 as the server does: without its internal assertions (see the server's build file). */
    @Test
    void the_tests_run_h2_without_its_internal_assertions_and_ours_with_them() {
        assertThat(org.h2.mvstore.MVStore.class.desiredAssertionStatus()).isFalse();
        assertThat(Config.class.desiredAssertionStatus()).isTrue();
    }
}
