package dev.openagg.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.Config;
import dev.openagg.client.ClientStore;
import dev.openagg.support.Await;
import dev.openagg.support.DataFiles;
import dev.openagg.support.Flow;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Postgres;
import dev.openagg.support.Receiver;
import dev.openagg.support.StoredRows;
import dev.openagg.support.TestKeys;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database written by the versions that stored secrets in the clear (schema 9), upgraded by starting this one: a
 * connected member, a member whose answers wait on its job for the next step, and a webhook with a password.
 */
class UpgradeFromPlainTextTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String USER = "USR-plain";
    private static final String CONNECTED = "MBR-plain-connected";
    private static final String RESUMED = "MBR-plain-resumed";
    private static final String JOB = "JOB-plain-resumed";
    private static final String BANK_PASSWORD = "Plain-Bank-Pw-0915";
    private static final String HOOK_PASSWORD = "Plain-Hook-Pw-0915";
    private static final String HOOK_SECRET = "whsec_plain0915d6c1f0a4b2e7c9d3a5f8b1e4c7a0d2f5b8e1c4";

    @Test
    void the_embedded_database_keeps_no_plain_secret_in_its_files_and_every_secret_reads_back() {
        Config config = TestServer.config();
        try (Receiver receiver = Receiver.start()) {
            writeAsVersionNine(config.jdbcUrl(), null, null, receiver.url());
            assertThat(DataFiles.containing(config.dataDir(), BANK_PASSWORD)).as("the plain rows on disk").isNotEmpty();

            TestServer server = TestServer.start(config, MutableClock.running());
            try {
                readBack(server, receiver);
            } finally {
                server.stop();
            }
            for (String secret : new String[] {BANK_PASSWORD, HOOK_PASSWORD, HOOK_SECRET}) {
                assertThat(DataFiles.containing(config.dataDir(), secret)).as(secret).isEmpty();
            }
            assertThat(SecretRows.keyIds(Jdbi.create(config.jdbcUrl()))).doesNotContain("plain").hasSize(1);
        } finally {
            TestServer.deleteTree(config.dataDir());
        }
    }

    @Test
    void postgresql_keeps_no_plain_secret_in_its_rows_and_every_secret_reads_back() {
        String url = Postgres.newDatabase();
        Config config = TestServer.config().withDatabase(url, "postgres", "postgres").withKeys(TestKeys.settings());
        try (Receiver receiver = Receiver.start()) {
            writeAsVersionNine(url, "postgres", "postgres", receiver.url());
            try (TestServer server = TestServer.start(config, MutableClock.running())) {
                readBack(server, receiver);
                Jdbi db = Jdbi.create(url, "postgres", "postgres");
                assertThat(SecretRows.keyIds(db)).containsExactly(TestKeys.ring().current().id());
                assertThat(SecretRows.values(db)).noneMatch(v -> v.contains("Plain-") || v.contains("whsec_"));
            }
        }
    }

    /**
     * The connected member signs in again with its stored credentials; the resumed member's waiting step (re-queued
     * because it looks stalled) takes its stored answer; the webhook signs with its secret and sends its password.
     */
    private static void readBack(TestServer server, Receiver receiver) {
        Flow flow = new Flow(server.api(), USER);
        // Schema 28 copied each member's client and user id from its user: the member is found and shows the id.
        assertThat(server.api().get(flow.path(CONNECTED, "")).json().at("/member/user_id").asText()).isEqualTo(USER);
        assertThat(flow.awaitStatus(RESUMED, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
        assertThat(flow.start(CONNECTED, "aggregate").status()).isEqualTo(202);
        assertThat(flow.awaitStatus(CONNECTED, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
        Await.until(receiver::received, got -> got.stream().anyMatch(r -> r.body().contains(CONNECTED)
                && r.isSignedWith(HOOK_SECRET) && ("hook-user:" + HOOK_PASSWORD).equals(r.basicCredentials())),
                BOUND, "an event signed with the upgraded secret and sent with the upgraded password");
    }

    /** Migrates to schema 9 and writes rows as version 9 wrote them, secrets in the clear. */
    private static void writeAsVersionNine(String url, String user, String password, String hookUrl) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("9").load()
                .migrate();
        Jdbi db = user == null ? Jdbi.create(url) : Jdbi.create(url, user, password);
        Instant now = Instant.now();
        new ClientStore(db, java.time.Clock.systemUTC()).add(TestServer.CLIENT_ID, TestServer.API_KEY);
        db.useTransaction(h -> {
            StoredRows.user(h, USER, now);
            StoredRows.memberBeforeV28(h, CONNECTED, USER, "CONNECTED", false, null, now);
            StoredRows.credentials(h, CONNECTED, "mxuser", BANK_PASSWORD);
            StoredRows.memberBeforeV28(h, RESUMED, USER, "RESUMED", true, JOB, now);
            StoredRows.credentials(h, RESUMED, "mxuser", "challenge");
            h.createUpdate("""
                            INSERT INTO job (guid, member_guid, kind, phase, step, connector_state,
                              connector_state_version, answers, version, created_at, updated_at)
                            VALUES (:guid, :member, 'AGGREGATE', 'RUNNING', 1, 'challenge:1', 1, :answers, 2, :then,
                              :then)""")
                    .bind("guid", JOB).bind("member", RESUMED)
                    .bind("answers", "[{\"challengeGuid\":\"CRD-plain-challenge\",\"value\":\"correct\"}]")
                    .bind("then", now.minus(Duration.ofHours(1)))
                    .execute();
            h.createUpdate("""
                            INSERT INTO webhook (guid, client_id, url, event_types, all_connection_statuses, enabled,
                              username, password, secret, created_at, updated_at)
                            VALUES ('WHK-plain', :client, :url, 'CONNECTION_STATUS,AGGREGATION,MEMBER', FALSE, TRUE,
                              'hook-user', :password, :secret, :now, :now)""")
                    .bind("client", TestServer.CLIENT_ID).bind("url", hookUrl).bind("password", HOOK_PASSWORD)
                    .bind("secret", HOOK_SECRET).bind("now", now)
                    .execute();
        });
    }
}
