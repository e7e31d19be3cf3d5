package dev.openagg.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.Main;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.MutableClock;
import dev.openagg.support.Postgres;
import dev.openagg.support.Receiver;
import dev.openagg.support.StoredRows;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rotation SECURITY.md describes, on two nodes sharing a PostgreSQL database: restart each node reading the new
 * key too, restart each writing under it, run {@code rotate-key} while both serve, restart each without the old key.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KeyRotationTest {
    private static final int STORED_MEMBERS = 1500;
    private static final int CLIENTS = 4;
    private static final String HOOK_PASSWORD = "Rotation-Hook-Pw-3308";

    private final String url = Postgres.newDatabase();
    private final Jdbi db = Jdbi.create(url, "postgres", "postgres");
    private final Config shared = TestServer.config().withDatabase(url, "postgres", "postgres");
    private final MutableClock clock = MutableClock.running();
    private final MasterKey oldKey = MasterKey.generate("test");
    private final MasterKey newKey = MasterKey.generate("test");
    private final Receiver receiver = Receiver.start();
    private final TestServer[] nodes = new TestServer[2];

    @AfterEach
    void stopNodes() {
        receiver.close();
        for (TestServer node : nodes) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void two_nodes_serve_the_guides_flow_throughout_a_rotation_that_leaves_no_secret_under_the_old_key()
            throws Exception {
        nodes[0] = start(oldKey, null);
        nodes[1] = start(oldKey, null);
        String[] hook = SecretsAtRestTest.registerWebhook(nodes[0].api(), receiver.url(), HOOK_PASSWORD);
        String storedUser = "USR-stored";
        storeMembers(storedUser);

        // Every node reads the new key before any writes under it.
        restartEachWith(oldKey, newKey);
        // Every node writes under the new key, still reading the old one.
        restartEachWith(newKey, oldKey);

        List<String> flows = rotateWhileServing();

        assertThat(SecretRows.keyIds(db)).containsExactly(newKey.id());
        // The old key is retired: a node still holding a secret under it would refuse to start.
        restartEachWith(newKey, null);
        guideFlow(nodes[0].api(), nodes[1].api());
        Flow stored = new Flow(nodes[1].api(), storedUser);
        String resealed = "MBR-stored-0";
        assertThat(stored.start(resealed, "aggregate").status()).isEqualTo(202);
        assertThat(stored.awaitStatus(resealed, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
        Await.until(receiver::received, got -> got.stream().anyMatch(r -> r.body().contains(resealed)
                && r.isSignedWith(hook[1]) && ("hook-user:" + HOOK_PASSWORD).equals(r.basicCredentials())),
                Duration.ofSeconds(20), "an event signed with the webhook's secret, with its password, after rotation");
        assertThat(flows).hasSizeGreaterThanOrEqualTo(CLIENTS);
    }

    /**
     * Runs the guide's flow from {@link #CLIENTS} clients, each request alternating between the nodes, starts
     * {@code rotate-key} once every client is in the middle of a flow, and lets the clients finish the flows they
     * are in once it is done. Returns the members that went through.
     */
    private List<String> rotateWhileServing() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        AtomicBoolean rotated = new AtomicBoolean();
        CountDownLatch challenged = new CountDownLatch(CLIENTS);
        try {
            List<CompletableFuture<List<String>>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Api first = nodes[i % 2].api();
                Api second = nodes[(i + 1) % 2].api();
                running.add(CompletableFuture.supplyAsync(() -> {
                    List<String> done = new ArrayList<>();
                    done.add(guideFlow(first, second, challenged::countDown));
                    while (!rotated.get()) {
                        done.add(guideFlow(first, second));
                    }
                    return done;
                }, clients));
            }
            assertThat(challenged.await(1, TimeUnit.MINUTES)).as("every client in a flow").isTrue();
            int code = CompletableFuture.supplyAsync(() -> Main.run("rotate-key",
                    "--database-url", url, "--database-user", "postgres", "--database-password", "postgres",
                    "--master-key", newKey.encoded(), "--previous-master-key", oldKey.encoded()), clients).get();
            rotated.set(true);
            assertThat(code).as("rotate-key's exit code").isZero();
            List<String> members = new ArrayList<>();
            for (CompletableFuture<List<String>> client : running) {
                members.addAll(client.get(2, TimeUnit.MINUTES));
            }
            return members;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Restarts one node after the other with these keys; while one restarts, the other serves the flow alone. */
    private void restartEachWith(MasterKey current, MasterKey previous) {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i].stop();
            Api other = nodes[1 - i].api();
            nodes[i] = null;
            guideFlow(other, other);
            nodes[i] = start(current, previous);
            guideFlow(nodes[i].api(), nodes[1 - i].api());
            guideFlow(nodes[1 - i].api(), nodes[i].api());
        }
    }

    private TestServer start(MasterKey current, MasterKey previous) {
        return TestServer.start(shared.withKeys(new KeySettings(current.encoded(), null,
                previous == null ? null : previous.encoded(), null)), clock);
    }

    /** Members whose credentials are under the old key, so that the rotation has work to do. */
    private void storeMembers(String user) {
        Keyring old = new Keyring(oldKey, List.of());
        Instant now = clock.instant();
        db.useTransaction(h -> {
            StoredRows.user(h, user, now);
            for (int i = 0; i < STORED_MEMBERS; i++) {
                String member = "MBR-stored-" + i;
                StoredRows.member(h, member, user, "CONNECTED", false, null, now);
                StoredRows.credentials(h, member,
                        old.seal(SecretColumn.MEMBER_CREDENTIAL.aad(member, Flow.LOGIN), "mxuser"),
                        old.seal(SecretColumn.MEMBER_CREDENTIAL.aad(member, Flow.PASSWORD), "password"));
            }
        });
    }

    private static String guideFlow(Api first, Api second) {
        return guideFlow(first, second, () -> { });
    }

    /**
     * The guide's two rounds: a member created on {@code first}, the OPTIONS challenge read and answered on
     * {@code second}, the TOKEN challenge read and answered on {@code first}, CONNECTED read on {@code second}.
     */
    private static String guideFlow(Api first, Api second, Runnable onChallenged) {
        Flow onFirst = new Flow(first);
        Flow onSecond = new Flow(second, onFirst.userGuid);
        String member = onFirst.member("options", false);
        JsonNode options = onSecond.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        onChallenged.run();
        assertThat(onSecond.resume(member, options.get("guid").asText(), options.at("/options/0/value").asText())
                .status()).isEqualTo(202);
        JsonNode token = onFirst.awaitStatus(member, "CHALLENGED").at("/challenges/0");
        assertThat(token.get("type").asText()).isEqualTo("TOKEN");
        assertThat(onFirst.resume(member, token.get("guid").asText(), "correct").status()).isEqualTo(202);
        assertThat(onSecond.awaitStatus(member, "CONNECTED").get("is_authenticated").asBoolean()).isTrue();
        return member;
    }
}
