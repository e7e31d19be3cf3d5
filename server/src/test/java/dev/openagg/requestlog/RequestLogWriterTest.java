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
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The writer on its own, against the log's table as the migrations make it. */
class RequestLogWriterTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    @Test
    void entries_that_arrive_while_the_writer_gathers_are_stored_in_one_transaction_and_closing_stores_them_at_once() {
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:gathered;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        jdbi.useHandle(h -> {
            h.createScript(migration("V21__request_log.sql")).execute();
            h.createScript(migration("V27__request_log_member_in_time_index.sql")).execute();
        });
        RequestLog log = new RequestLog(jdbi, Clock.systemUTC(), Duration.ofDays(7), 1_000, Duration.ofMinutes(10));
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

    private static Http.Answered entry(int i) {
        return new Http.Answered("client-1", "request-" + i, Instant.now(), "GET", "/users", "/users", null, 200, 1,
                Map.of(), null, "{\"users\": []}".getBytes(StandardCharsets.UTF_8));
    }

    private static String migration(String name) {
        try (InputStream in = RequestLogWriterTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
