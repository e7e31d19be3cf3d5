package dev.openagg.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.support.Api;
import dev.openagg.support.Flow;
import dev.openagg.support.Reply;
import java.time.Duration;

/** A Slow Bank member, of a user of its own, whose first aggregation has been started. */
record SlowMember(String user, String member, String job) {

    /** Creates the member with {@code password} (see {@link SlowBank}), which starts its first job. */
    static SlowMember create(Api api, String password) {
        String user = api.post("/users", "{\"user\": {}}").json().at("/user/guid").asText();
        // v20250224 replies carry the job's guid (v20111101 sends null there).
        Reply created = api.inVersion("v20250224").post("/users/" + user + "/members", "{\"member\": {\"institution_code\": \""
                + SlowBank.CODE + "\", \"credentials\": [{\"guid\": \"" + SlowBank.LOGIN + "\", \"value\": \"u\"},"
                + " {\"guid\": \"" + SlowBank.PASSWORD + "\", \"value\": \"" + password + "\"}]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        JsonNode member = created.json().get("member");
        return new SlowMember(user, member.get("guid").asText(), member.get("most_recent_job_guid").asText());
    }

    JsonNode awaitConnected(Api api, Duration bound) {
        return new Flow(api, user).awaitStatusWithin(member, bound, "CONNECTED");
    }
}
