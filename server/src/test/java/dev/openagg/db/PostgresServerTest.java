package dev.openagg.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.secret.EncryptSecretsMigration;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;

/** The same migrations and the same server on a real PostgreSQL. */
class PostgresServerTest {

    @Test
    void every_migration_applies_on_postgresql() {
        String url = Postgres.newDatabase();
        var result = Flyway.configure().dataSource(url, "postgres", "postgres").locations("classpath:db/migration")
                .javaMigrations(Database.javaMigrations(new EncryptSecretsMigration(TestKeys.ring()))
                        .toArray(JavaMigration[]::new)).load().migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(2);
    }

    @Test
    void the_guides_flow_runs_on_postgresql_and_survives_a_restart() {
        String url = Postgres.newDatabase();
        try (TestServer server = TestServer.start(TestServer.config().withDatabase(url, "postgres", "postgres")
                .withKeys(TestKeys.settings()))) {
            Api api = server.api();
            Flow flow = new Flow(api);
            String member = flow.member("options", false);
            JsonNode first = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
            flow.resume(member, first.get("guid").asText(), first.at("/options/0/value").asText());
            JsonNode second = flow.awaitStatus(member, "CHALLENGED").at("/challenges/0");
            assertThat(second.get("guid").asText()).isNotEqualTo(first.get("guid").asText());

            server.restart();

            Flow after = new Flow(server.api(), flow.userGuid);
            after.resume(member, second.get("guid").asText(), "correct");
            JsonNode connected = after.awaitStatus(member, "CONNECTED");
            assertThat(connected.get("aggregated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            JsonNode transaction = server.api().get(after.path(member, "transactions")).json().at("/transactions/0");
            assertThat(transaction.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\d");
            assertThat(transaction.get("amount").isNumber()).isTrue();
            assertThat(server.api().get(after.path(member, "accounts")).json().get("accounts")).hasSize(4);
            assertThat(server.api().get("/users?records_per_page=10").json().at("/pagination/total_entries").asInt())
                    .isEqualTo(1);
        }
    }
}
