package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.db.Database;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseSettingsTest {

    @Test
    void the_embedded_database_compacts_its_file_only_below_half_full() {
        try (Database database = embedded()) {
            assertThat(setting(database, "AUTO_COMPACT_FILL_RATE"))
                    .isEqualTo(String.valueOf(Config.EMBEDDED_COMPACT_FILL_RATE)).isEqualTo("50");
        }
    }

    @Test
    void the_embedded_database_keeps_values_up_to_16_kb_in_their_rows_and_longer_ones_whole() {
        try (Database database = embedded()) {
            assertThat(setting(database, "MAX_LENGTH_INPLACE_LOB"))
                    .isEqualTo(String.valueOf(Config.EMBEDDED_INPLACE_LOB_BYTES)).isEqualTo("16384");

            // Either side of the limit a value comes back whole: in its row below it, in H2's large-object store above.
            List<String> values = List.of("{\"status\": \"" + "x".repeat(340) + "\"}", "é".repeat(8_000),
                    "y".repeat(16_384), "z".repeat(40_000));
            List<String> read = database.jdbi().withHandle(h -> {
                h.execute("CREATE TABLE lob_probe (n INTEGER PRIMARY KEY, v TEXT)");
                for (int i = 0; i < values.size(); i++) {
                    h.execute("INSERT INTO lob_probe (n, v) VALUES (?, ?)", i, values.get(i));
                }
                return h.createQuery("SELECT v FROM lob_probe ORDER BY n").mapTo(String.class).list();
            });
            assertThat(read).containsExactlyElementsOf(values);
        }
    }

    @Test
    void each_connection_to_the_embedded_database_keeps_64_statements_parsed() {
        try (Database database = embedded()) {
            assertThat(setting(database, "QUERY_CACHE_SIZE"))
                    .isEqualTo(String.valueOf(Config.EMBEDDED_QUERY_CACHE)).isEqualTo("64");
        }
    }

    private static Database embedded() {
        return Database.open(Config.defaults(TestServer.tempDir()).jdbcUrl(), null, null, 2, TestKeys.ring());
    }

    /** A setting's value; H2 keeps the name of one set in the URL in the database's case (lower). */
    private static String setting(Database database, String name) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT setting_value FROM information_schema.settings WHERE UPPER(setting_name) = :name")
                .bind("name", name).mapTo(String.class).one());
    }

    /** The tests run H2 as the server does: without its internal assertions (see the server's build file). */
    @Test
    void the_tests_run_h2_without_its_internal_assertions_and_ours_with_them() {
        assertThat(org.h2.mvstore.MVStore.class.desiredAssertionStatus()).isFalse();
        assertThat(Config.class.desiredAssertionStatus()).isTrue();
    }
}
