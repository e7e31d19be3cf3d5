package dev.openagg.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.Config;
import dev.openagg.support.Api;
import dev.openagg.support.Await;
import dev.openagg.support.Flow;
import dev.openagg.support.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader sees a member's data as one harvest stored it, never part of the next one: while the member is
 * aggregated again and again, each time with a further batch of transactions the institution reports, readers keep
 * reading and every read must hold whole batches only, and the holdings (replaced on every harvest) whole.
 */
class HarvestIsolationTest {
    /**
     * Transactions each harvest adds: more than one multi-row insert's worth, so storing them takes several
     * statements, and more than one page, so a read's count (one statement) is what shows the harvests it saw.
     */
    private static final int BATCH = 150;
    /** Transactions the sandbox takes in one request. */
    private static final int PER_REQUEST = 75;
    private static final int ROUNDS = 4;
    private static final Duration BOUND = Duration.ofSeconds(60);

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgresql"})
    void readers_see_the_previous_harvest_or_the_next_never_a_mix(String db) throws Exception {
        Config config = TestServer.config(db);
        try (TestServer server = TestServer.start(config)) {
            Api api = server.api();
            Flow flow = new Flow(api);
            String member = flow.member("password", false);
            flow.awaitStatus(member, "CONNECTED");
            String checking = api.get(flow.path(member, "accounts")).json().get("accounts").findParents("type")
                    .stream().filter(a -> a.get("type").asText().equals("CHECKING")).findFirst().orElseThrow()
                    .get("guid").asText();
            // A day outside the institution's own 90 days, so a read filtered to it holds added transactions only.
            LocalDate day = LocalDate.ofInstant(server.clock.instant(), ZoneOffset.UTC).minusDays(400);
            String added = "/users/" + flow.userGuid + "/accounts/" + checking + "/transactions?from_date=" + day
                    + "&to_date=" + day + "&records_per_page=100";
            String holdings = flow.path(member, "holdings") + "?records_per_page=100";
            int holdingCount = api.get(holdings).json().at("/pagination/total_entries").asInt();
            assertThat(holdingCount).isPositive();

            AtomicBoolean writing = new AtomicBoolean(true);
            List<String> mixes = new CopyOnWriteArrayList<>();
            Set<Integer> batchesSeen = ConcurrentHashMap.newKeySet();
            ExecutorService readers = Executors.newFixedThreadPool(2);
            List<Future<Integer>> reads = new ArrayList<>();
            reads.add(readers.submit(() -> readTransactions(api, added, writing, mixes, batchesSeen)));
            reads.add(readers.submit(() -> readHoldings(api, holdings, holdingCount, writing, mixes)));
            try {
                for (int round = 0; round < ROUNDS && mixes.isEmpty(); round++) {
                    addBatch(api, flow, checking, day, round);
                    assertThat(flow.start(member, "aggregate").status()).isEqualTo(202);
                    int expected = (round + 1) * BATCH;
                    Await.until(() -> api.get(added).json().at("/pagination/total_entries").asInt(),
                            n -> n == expected, BOUND, "harvest " + (round + 1) + " to be stored");
                }
            } finally {
                writing.set(false);
                readers.shutdown();
                assertThat(readers.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            }
            assertThat(mixes).as("reads that mixed harvests").isEmpty();
            assertThat(reads.get(0).get()).as("transaction reads").isGreaterThan(ROUNDS);
            assertThat(reads.get(1).get()).as("holding reads").isGreaterThan(ROUNDS);
            assertThat(batchesSeen).as("harvests the readers saw, by batches stored").hasSizeGreaterThanOrEqualTo(2);
        }
    }

    private static void addBatch(Api api, Flow flow, String account, LocalDate day, int round) {
        for (int from = 0; from < BATCH; from += PER_REQUEST) {
            String items = IntStream.range(from, from + PER_REQUEST)
                    .mapToObj(i -> "{\"amount\": " + (round + 1) + "." + String.format("%03d", i).substring(0, 2)
                            + ", \"date\": \"" + day + "\", \"description\": \"round " + round + " item " + i
                            + "\", \"status\": \"POSTED\"}")
                    .collect(Collectors.joining(", "));
            assertThat(api.post("/sandbox/users/" + flow.userGuid + "/accounts/" + account + "/transactions",
                    "{\"transactions\": [" + items + "]}").status()).isEqualTo(202);
        }
    }

    /**
     * Reads the added day's transactions until the writer is done: each read's count (one statement) must be whole
     * batches. Returns how many reads it made.
     */
    private static int readTransactions(Api api, String path, AtomicBoolean writing, List<String> mixes,
                                        Set<Integer> batchesSeen) {
        int reads = 0;
        while (writing.get()) {
            JsonNode page = api.get(path).json();
            int total = page.at("/pagination/total_entries").asInt();
            if (total % BATCH != 0) {
                mixes.add("transactions: count " + total + ", not whole batches of " + BATCH);
            }
            batchesSeen.add(total / BATCH);
            reads++;
        }
        return reads;
    }

    /** Reads the member's holdings until the writer is done; each harvest replaces them, and none may be missing. */
    private static int readHoldings(Api api, String path, int count, AtomicBoolean writing, List<String> mixes) {
        int reads = 0;
        while (writing.get()) {
            JsonNode page = api.get(path).json();
            int total = page.at("/pagination/total_entries").asInt();
            int rows = page.get("holdings").size();
            if (total != count || rows != count) {
                mixes.add("holdings: count " + total + ", rows " + rows + ", expected " + count);
            }
            reads++;
        }
        return reads;
    }
}
