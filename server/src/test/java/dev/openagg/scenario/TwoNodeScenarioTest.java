package dev.openagg.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.support.Flow;
import dev.openagg.support.Postgres;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two nodes on one PostgreSQL database: an institution registered or changed through one is served by the other. */
class TwoNodeScenarioTest {

    @Test
    void an_institution_registered_through_one_node_is_seen_and_run_by_the_other_and_so_are_its_changes() {
        Config config = TestServer.config().withDatabase(Postgres.newDatabase(), "postgres", "postgres")
                .withKeys(TestKeys.settings());
        try (TestServer one = TestServer.start(config); TestServer two = TestServer.start(config)) {
            Scripted viaOne = new Scripted(one.api());
            Scripted viaTwo = new Scripted(two.api(), new Flow(two.api(), viaOne.flow.userGuid));

            viaOne.registered(Scripted.acme("shared_cu"));
            assertThat(two.api().get("/institutions/shared_cu").json().at("/institution/name").asText())
                    .isEqualTo("Acme Credit Union");
            String member = viaTwo.member("shared_cu", Map.of("LOGIN", "alice", "PASSWORD", "pw"));
            viaOne.answer(member, "smith");
            viaTwo.answer(member, "sms");
            viaOne.answer(member, "123456");
            viaTwo.flow.awaitStatus(member, "CONNECTED");

            assertThat(two.api().put("/sandbox/institutions/shared_cu", Scripted.acme("shared_cu")
                    .replace("Acme Credit Union", "Acme Changed")).status()).isEqualTo(200);
            JsonNode seen = one.api().get("/institutions/shared_cu").json();
            assertThat(seen.at("/institution/name").asText()).isEqualTo("Acme Changed");

            assertThat(one.api().delete("/sandbox/institutions/shared_cu").status()).isEqualTo(204);
            assertThat(two.api().get("/institutions/shared_cu").status()).isEqualTo(404);
            assertThat(two.api().get(viaTwo.flow.path(member, "")).json().at("/member/institution_code").asText())
                    .isEqualTo("shared_cu");
        }
    }
}
