package dev.openagg.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.api.Http;
import dev.openagg.support.Await;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The writer on its own, against the log's table as the migrations make it. */
class RequestLogWriterTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void entries_that_arrive_while_the_writer_gathers_are_stored_in_one_transaction_and_closing_stores_them_at_once() {
        Jdbi jdbi = logTable("gathered");
        RequestLog log = new RequestLog(jdbi, Clock.systemUTC(), Duration.ofDays(7), 1_000, Duration.ofMinutes(10),
                Duration.ofMillis(250));
        log.start();
        log.offer(entry(0));
        Await.until(log::waiting, n -> n == 0, BOUND, "the writer took the first entry");
        for (int i = 1; i < 50; i++) {
            log.offer(entry(i));
        }
        assertThat(log.written()).as("gathering, nothing stored yet").isZero();

        log.close();

        assertThat(log.written()).isEqualTo(50);
        assertThat(log.batches()).isEqualTo(1);
        int stored = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT request_id) FROM request_log")
                .mapTo(Integer.class).one());
        assertThat(stored).isEqualTo(50);
    }

    @Test
    void entries_offered_by_many_threads_at_once_are_each_stored_once_and_no_wake_up_is_missed() throws Exception {
        Jdbi jdbi = logTable("concurrent");
        // a short gather and pauses between the threads' bursts, so that the writer can find the queue empty while
        // entries still arrive; it parks for an hour unless an entry wakes it, so one missed wake-up stalls it
        RequestLog log = new RequestLog(jdbi, Clock.systemUTC(), Duration.ofDays(7), 100_000, Duration.ofMillis(1),
                Duration.ofHours(1));
        log.start();
        int threads = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> offering = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * each;
            offering.add(pool.submit(() -> {
                go.await();
                for (int i = first; i < first + each; i++) {
                    log.offer(entry(i));
                    if (i % 50 == 0) {
                        Thread.sleep(2);
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : offering) {
            f.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        pool.shutdown();
        Await.until(log::written, n -> n == threads * each, BOUND, "every entry stored before closing");
        log.close();

        assertThat(log.dropped()).isZero();
        assertThat(log.waiting()).isZero();
        assertThat(log.batches()).as("stored in more than one transaction").isGreaterThan(1);
        long stored = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT request_id) FROM request_log")
                .mapTo(Long.class).one());
        assertThat(stored).isEqualTo(log.written());
    }

    @Test
    void an_entry_offered_to_an_idle_writer_wakes_it() {
        Jdbi jdbi = logTable("idle");
        // parked for an hour unless an entry wakes it
        RequestLog log = new RequestLog(jdbi, Clock.systemUTC(), Duration.ofDays(7), 1_000, Duration.ZERO,
                Duration.ofHours(1));
        log.start();
        try {
            for (int i = 0; i < 20; i++) {
                long written = log.written();
                Await.until(log::parked, parked -> parked, BOUND, "the writer parked on an empty queue");
                log.offer(entry(i));
                Await.until(log::written, n -> n == written + 1, BOUND, "entry " + i + " stored");
            }
            assertThat(log.batches()).isEqualTo(20);
        } finally {
            log.close();
        }
    }

    private static Http.Answered entry(int i) {
        return new Http.Answered("client-1", "request-" + i, Instant.now(), "GET", "/users", "/users", null, 200, 1,
                Map.of(), null, "{\"users\": []}".getBytes(StandardCharsets.UTF_8));
    }

    /** An in-memory database with the log's table as the migrations make it. */
    private static Jdbi logTable(String database) {
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:" + database + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        jdbi.useHandle(h -> {
            h.createScript(migration("V21__request_log.sql")).execute();
            h.createScript(migration("V27__request_log_member_in_time_index.sql")).execute();
        });
        return jdbi;
    }

    private static String migration(String name) {
        try (InputStream in = RequestLogWriterTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
