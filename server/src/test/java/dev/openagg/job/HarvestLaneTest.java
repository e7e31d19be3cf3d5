package dev.openagg.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openagg.support.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lane's bound on rows handed to the writers and not yet stored, on real threads: a step whose harvest would pass
 * it waits until a write finishes, and neither a failed write, an interrupted wait nor a closed lane loses room.
 */
class HarvestLaneTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HarvestLane lane;

    @AfterEach
    void close() {
        release.countDown();
        if (lane != null) {
            lane.close(BOUND);
        }
    }

    /** A write that keeps its writer busy until the test releases it. */
    private Runnable held(String name) {
        return () -> {
            started.countDown();
            await(release);
            ran.add(name);
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("latch within " + BOUND).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Hands a one-row write over from another thread and waits for it to run: fails when the lane has no room. */
    private void handOverOneRowAndSeeItRun() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> lane.execute(1, done::countDown)).get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        await(done);
    }

    private static void waitingForRoom(Thread step) {
        Await.until(step::getState, s -> s == Thread.State.WAITING, BOUND, step.getName() + " waiting for room");
    }

    /** Hands a write over on a thread of its own, as a step does, and notes when the hand-over returned. */
    private Thread step(String name, int rows, AtomicBoolean handedOver, AtomicReference<RuntimeException> failed) {
        Thread step = new Thread(() -> {
            try {
                lane.execute(rows, () -> ran.add(name));
                handedOver.set(true);
            } catch (RuntimeException e) {
                failed.set(e);
            }
        }, "step-" + name);
        step.start();
        return step;
    }

    @Test
    void a_step_waits_for_room_while_its_rows_would_pass_the_bound() throws InterruptedException {
        lane = new HarvestLane(1, 1_000);
        lane.execute(400, held("first"));
        await(started);
        lane.execute(400, () -> ran.add("second"));
        AtomicBoolean handedOver = new AtomicBoolean();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();

        Thread third = step("third", 400, handedOver, failed);
        waitingForRoom(third);
        assertThat(handedOver).as("the third harvest handed over with 800 of 1,000 rows waiting").isFalse();
        assertThat(ran).isEmpty();

        release.countDown();
        third.join(BOUND.toMillis());
        Await.until(() -> List.copyOf(ran), r -> r.size() == 3, BOUND, "all three writes");
        assertThat(ran).containsExactly("first", "second", "third");
        assertThat(handedOver).isTrue();
        assertThat(failed.get()).isNull();
    }

    @Test
    void a_step_interrupted_while_waiting_fails_without_taking_room() throws Exception {
        lane = new HarvestLane(1, 1);
        lane.execute(400, held("first"));
        await(started);
        AtomicBoolean handedOver = new AtomicBoolean();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread interrupted = step("interrupted", 1, handedOver, failed);
        waitingForRoom(interrupted);

        interrupted.interrupt();
        interrupted.join(BOUND.toMillis());
        assertThat(failed.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
        assertThat(handedOver).isFalse();

        release.countDown();
        handOverOneRowAndSeeItRun();
        assertThat(ran).containsExactly("first");

        // The lane still has room for one row only: the interrupted step gave back nothing it had not taken.
        CountDownLatch hold = new CountDownLatch(1);
        lane.execute(1, () -> await(hold));
        Thread blocked = step("blocked", 1, new AtomicBoolean(), new AtomicReference<>());
        waitingForRoom(blocked);
        hold.countDown();
        blocked.join(BOUND.toMillis());
        Await.until(() -> List.copyOf(ran), r -> r.contains("blocked"), BOUND, "the blocked step's write");
    }

    @Test
    void a_write_that_fails_gives_its_room_back() throws Exception {
        lane = new HarvestLane(1, 1);
        lane.execute(1, () -> {
            throw new IllegalStateException("the database went away");
        });
        handOverOneRowAndSeeItRun();
    }

    @Test
    void a_closed_lane_refuses_harvests_and_keeps_refusing_rather_than_blocking() throws Exception {
        lane = new HarvestLane(1, 1);
        lane.close(BOUND);
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Void> handOver = CompletableFuture.runAsync(() -> lane.execute(1, () -> ran.add("late")));
            assertThatThrownBy(() -> handOver.get(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    .hasCauseInstanceOf(RejectedExecutionException.class);
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void a_harvest_larger_than_the_bound_waits_for_an_empty_lane_then_goes_alone() throws InterruptedException {
        lane = new HarvestLane(1, 1_000);
        lane.execute(1, held("small"));
        await(started);
        AtomicBoolean handedOver = new AtomicBoolean();
        Thread large = step("large", 5_000, handedOver, new AtomicReference<>());
        waitingForRoom(large);
        assertThat(handedOver).isFalse();

        release.countDown();
        large.join(BOUND.toMillis());
        Await.until(() -> List.copyOf(ran), r -> r.size() == 2, BOUND, "both writes");
        assertThat(ran).containsExactly("small", "large");
    }

    @Test
    void a_lane_without_a_writer_or_room_is_refused() {
        assertThatThrownBy(() -> new HarvestLane(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HarvestLane(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
