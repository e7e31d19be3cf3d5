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
}
