package dev.openagg.background;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openagg.connector.Guids;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Schedule DAILY = new Schedule(Duration.ofHours(24));

    @Test
    void periods_are_cut_from_the_epoch_so_every_node_agrees_on_them() {
        Instant start = DAILY.periodStart(Instant.parse("2026-12-02T17:45:12.345Z"));
        assertThat(start).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(DAILY.periodStart(start)).isEqualTo(start);
        assertThat(new Schedule(Duration.ofHours(5)).periodStart(Instant.parse("1970-01-01T11:00:00Z")))
                .isEqualTo(Instant.parse("1970-01-01T10:00:00Z"));
    }

    @Test
    void each_member_has_one_fixed_moment_in_the_period_and_the_members_are_spread_over_it() {
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        Set<Long> hours = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String member = Guids.next("MBR");
            Instant due = DAILY.dueAt(member, start);
            assertThat(due).isBetween(start, start.plus(Duration.ofHours(24)).minusMillis(1));
            assertThat(DAILY.dueAt(member, start)).isEqualTo(due);
            assertThat(DAILY.dueAt(member, start.plus(Duration.ofHours(24)))).isEqualTo(due.plus(Duration.ofHours(24)));
            hours.add(Duration.between(start, due).toHours());
        }
        assertThat(hours).as("hours of the day with a member due").hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void a_new_member_is_first_due_at_its_first_moment_at_least_half_a_period_after_it_was_created() {
        Duration half = Duration.ofHours(12);
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            String member = Guids.next("MBR");
            Instant moment = DAILY.dueAt(member, start);
            assertThat(DAILY.first(member, moment.minus(half))).isEqualTo(moment);
            assertThat(DAILY.first(member, moment.minus(half).plusMillis(1))).isEqualTo(moment.plus(Duration.ofHours(24)));
            assertThat(DAILY.first(member, moment.minusMillis(1))).isEqualTo(moment.plus(Duration.ofHours(24)));
            assertThat(DAILY.first(member, moment.minus(Duration.ofHours(13)))).isEqualTo(moment);
            assertThat(DAILY.nextAfter(member, moment)).isEqualTo(moment.plus(Duration.ofHours(24)));
            assertThat(DAILY.nextAfter(member, start)).isEqualTo(moment.plus(Duration.ofHours(24)));
        }
    }

    @Test
    void the_first_moment_at_or_after_an_instant_is_in_its_period_until_it_has_passed() {
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        for (int i = 0; i < 50; i++) {
            String member = Guids.next("MBR");
            Instant moment = DAILY.dueAt(member, start);
            assertThat(DAILY.atOrAfter(member, start)).isEqualTo(moment);
            assertThat(DAILY.atOrAfter(member, moment)).isEqualTo(moment);
            assertThat(DAILY.atOrAfter(member, moment.plusMillis(1))).isEqualTo(moment.plus(Duration.ofHours(24)));
        }
    }
}
