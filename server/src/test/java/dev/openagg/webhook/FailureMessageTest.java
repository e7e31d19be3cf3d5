package dev.openagg.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Await;
import dev.openagg.support.Receiver.Received;
import dev.openagg.support.Webhook;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connector's failure message reaches the member and the CONNECTION_STATUS webhook. */
class FailureMessageTest extends ServerWithReceiver {

    @Test
    void the_institutions_message_for_a_failure_is_the_members_status_message_and_the_webhooks() {
        Webhook.register(api, receiver.url(), false);
        String member = flow.member("LOCKED", false);
        flow.awaitStatus(member, "LOCKED");

        JsonNode read = api.get(flow.path(member, "")).json().get("member");
        assertThat(read.get("connection_status").asText()).isEqualTo("LOCKED");
        assertThat(read.get("connection_status_message").asText())
                .isEqualTo("The credentials are valid, but the user is locked.");

        List<Received> got = Await.until(receiver::received, r -> r.stream()
                .anyMatch(x -> x.json().path("connection_status").asText().equals("LOCKED")), BOUND, "LOCKED event");
        JsonNode locked = got.stream().map(Received::json)
                .filter(j -> j.path("connection_status").asText().equals("LOCKED")).findFirst().orElseThrow();
        assertThat(locked.get("connection_status_message").asText())
                .isEqualTo("The credentials are valid, but the user is locked.");
    }

    @Test
    void a_failure_without_a_message_shows_mxs_standard_message_and_a_new_job_clears_the_old_one() {
        String locked = flow.member("LOCKED", false);
        flow.awaitStatus(locked, "LOCKED");
        String rejected = flow.member("challenge", false);
        JsonNode challenge = flow.awaitStatus(rejected, "CHALLENGED").at("/challenges/0");

        flow.resume(rejected, challenge.get("guid").asText(), "wrong");
        flow.awaitStatus(rejected, "REJECTED");

        assertThat(api.get(flow.path(rejected, "")).json().at("/member/connection_status_message").asText())
                .isEqualTo("The answer or answers provided were incorrect. Please try again.");
        assertThat(flow.start(locked, "aggregate").json().at("/member/connection_status_message").asText())
                .isEqualTo("Reconnecting to MX Bank...");
    }
}
