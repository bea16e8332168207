package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.schedule.ScheduleLateness.ScheduledRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The figures of bench/schedule-bench, computed from run rows. */
class ScheduleLatenessTest {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void theWindowHoldsTheIntervalEndsAfterItsStartUpToAndIncludingItsEnd() {
        assertThat(ScheduleLateness.intervalEnds(T.plusSeconds(10), T.plusSeconds(600), FIVE_MINUTES))
                .containsExactly(T.plusSeconds(300), T.plusSeconds(600));
        assertThat(ScheduleLateness.intervalEnds(T, T.plusSeconds(299), FIVE_MINUTES)).isEmpty();
    }

    @Test
    void latenessIsTheRunsCreationAfterItsIntervalsEndWithMissingAndFailedRunsCounted() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Instant first = T.plusSeconds(300);
        Instant second = T.plusSeconds(600);
        List<ScheduledRun> runs = new ArrayList<>();
        runs.add(new ScheduledRun(a, first, first.plusSeconds(4), "Completed"));
        runs.add(new ScheduledRun(b, first, first.plusSeconds(10), "Failed"));
        runs.add(new ScheduledRun(a, second, second.plusSeconds(2), "Running"));
        runs.add(new ScheduledRun(a, T, T.plusSeconds(500), "Completed"));
        runs.add(new ScheduledRun(UUID.randomUUID(), second, second.plusSeconds(900), "Completed"));

        ScheduleLateness lateness = ScheduleLateness.of(Set.of(a, b), List.of(first, second), runs);

        assertThat(lateness).isEqualTo(new ScheduleLateness(2, 2, 3, 4.0, 10.0, 10.0, 1, 1));
        assertThat(lateness.json()).isEqualTo("{\"exports\": 2, \"intervals\": 2, \"runs\": 3, \"p50_lateness_s\": 4.0,"
                + " \"p95_lateness_s\": 10.0, \"max_lateness_s\": 10.0, \"not_started\": 1, \"failed\": 1}");
        assertThat(lateness.table()).contains("10.0 s");
    }

    @Test
    void percentilesAreNearestRankAndNullWithoutRuns() {
        UUID a = UUID.randomUUID();
        List<Instant> ends = ScheduleLateness.intervalEnds(T, T.plus(FIVE_MINUTES.multipliedBy(20)), FIVE_MINUTES);
        List<ScheduledRun> runs = new ArrayList<>();
        for (int i = 0; i < ends.size(); i++) {
            runs.add(new ScheduledRun(a, ends.get(i), ends.get(i).plusSeconds(i + 1), "Completed"));
        }

        ScheduleLateness lateness = ScheduleLateness.of(Set.of(a), ends, runs);
        ScheduleLateness none = ScheduleLateness.of(Set.of(a), ends, List.of());

        assertThat(lateness.p50Seconds()).isEqualTo(10.0);
        assertThat(lateness.p95Seconds()).isEqualTo(19.0);
        assertThat(lateness.maxSeconds()).isEqualTo(20.0);
        assertThat(none.json()).contains("\"p50_lateness_s\": null").contains("\"not_started\": 20");
    }
}
