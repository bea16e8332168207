package dev.sluice.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ScheduleSpecsTest {

    private static final Instant NOW = Instant.parse("2024-05-15T10:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"));

    static Stream<IntervalGrid> subDailyGrids() {
        List<IntervalGrid> grids = new ArrayList<>();
        for (ExportInterval interval : List.of(ExportInterval.FIVE_MINUTES, ExportInterval.FIFTEEN_MINUTES, ExportInterval.HOUR)) {
            long length = interval.nominalLength().toSeconds();
            for (ZoneId zone : ZONES) {
                grids.add(new IntervalGrid(interval, zone, 0));
                grids.add(new IntervalGrid(interval, zone, (int) (length / 3 + 11)));
            }
        }
        return grids.stream();
    }

    /** Offsets whose local time never falls into the DST gaps of the zones above (they lie between 02:00 and 03:00). */
    static Stream<IntervalGrid> calendarGrids() {
        List<IntervalGrid> grids = new ArrayList<>();
        for (ZoneId zone : ZONES) {
            grids.add(new IntervalGrid(ExportInterval.DAY, zone, 0));
            grids.add(new IntervalGrid(ExportInterval.DAY, zone, 9 * 3600 + 30 * 60 + 15));
            grids.add(new IntervalGrid(ExportInterval.DAY, zone, 86_399));
            grids.add(new IntervalGrid(ExportInterval.WEEK, zone, 0));
            grids.add(new IntervalGrid(ExportInterval.WEEK, zone, 86_400 + 9 * 3600));
            grids.add(new IntervalGrid(ExportInterval.WEEK, zone, 6 * 86_400 + 23 * 3600 + 59 * 60));
        }
        return grids.stream();
    }

    @ParameterizedTest
    @MethodSource("subDailyGrids")
    void theIntervalSpecFiresExactlyOnTheGridsBoundaries(IntervalGrid grid) {
        ScheduleSpec spec = ScheduleSpecs.of(grid, null, null, NOW);

        assertThat(spec.getCalendars()).isNullOrEmpty();
        ScheduleIntervalSpec interval = spec.getIntervals().get(0);
        assertThat(interval.getEvery()).isEqualTo(grid.interval().nominalLength());
        long every = interval.getEvery().toSeconds();
        Random random = new Random(grid.hashCode());
        for (int i = 0; i < 200; i++) {
            Instant boundary = grid.floor(NOW.plusSeconds(random.nextLong(400L * 86_400) - 200L * 86_400));
            assertThat(Math.floorMod(boundary.getEpochSecond() - interval.getOffset().toSeconds(), every)).isZero();
            Instant between = boundary.plusSeconds(1 + random.nextLong(every - 1));
            assertThat(Math.floorMod(between.getEpochSecond() - interval.getOffset().toSeconds(), every)).isNotZero();
        }
    }

    @ParameterizedTest
    @MethodSource("calendarGrids")
    void theCalendarSpecFiresAtTheLocalTimeOfEveryBoundaryInTheExportsZone(IntervalGrid grid) {
        ScheduleSpec spec = ScheduleSpecs.of(grid, null, null, NOW);

        assertThat(spec.getIntervals()).isNullOrEmpty();
        assertThat(spec.getTimeZoneName()).isEqualTo(grid.zone().getId());
        ScheduleCalendarSpec calendar = spec.getCalendars().get(0);
        Random random = new Random(grid.hashCode());
        for (int i = 0; i < 100; i++) {
            Instant boundary = grid.floor(NOW.plusSeconds(random.nextLong(800L * 86_400) - 400L * 86_400));
            ZonedDateTime local = boundary.atZone(grid.zone());
            assertThat(matches(calendar.getSeconds(), local.getSecond())).isTrue();
            assertThat(matches(calendar.getMinutes(), local.getMinute())).isTrue();
            assertThat(matches(calendar.getHour(), local.getHour())).isTrue();
            assertThat(matches(calendar.getDayOfWeek(), local.getDayOfWeek().getValue() % 7)).isTrue();
            assertThat(matches(calendar.getDayOfMonth(), local.getDayOfMonth())).isTrue();
            assertThat(matches(calendar.getMonth(), local.getMonthValue())).isTrue();
            ZonedDateTime dayAfter = local.plusDays(1);
            boolean firesNextDay = matches(calendar.getDayOfWeek(), dayAfter.getDayOfWeek().getValue() % 7);
            assertThat(firesNextDay).isEqualTo(grid.interval() == ExportInterval.DAY);
        }
    }

    @Test
    void startAndEndBoundTheRunsToIntervalsHoldingStartAtAndEndingByEndAt() {
        Instant startAt = Instant.parse("2024-06-01T00:00:00Z");
        Instant endAt = Instant.parse("2024-07-01T00:00:00Z");

        ScheduleSpec spec = ScheduleSpecs.of(IntervalGrid.utc(ExportInterval.HOUR), startAt, endAt, NOW);

        assertThat(spec.getStartAt()).isEqualTo(startAt.plusSeconds(1));
        assertThat(spec.getEndAt()).isEqualTo(endAt);
        assertThat(ScheduleSpecs.of(IntervalGrid.utc(ExportInterval.HOUR), null, null, NOW).getStartAt()).isNull();
    }

    @Test
    void jitterIsATenthOfTheIntervalAndAtMostFifteenMinutes() {
        assertThat(ScheduleSpecs.jitter(ExportInterval.FIVE_MINUTES)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ScheduleSpecs.jitter(ExportInterval.HOUR)).isEqualTo(Duration.ofMinutes(6));
        assertThat(ScheduleSpecs.jitter(ExportInterval.WEEK)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void scheduleIdsNameTheExport() {
        var id = java.util.UUID.fromString("5b1e0a52-0000-4000-8000-000000000001");
        assertThat(ScheduleIds.of(id)).isEqualTo("batch-export-5b1e0a52-0000-4000-8000-000000000001");
    }

    private static boolean matches(List<ScheduleRange> ranges, int value) {
        return ranges.stream().anyMatch(r -> value >= r.getStart() && value <= Math.max(r.getStart(), r.getEnd())
                && (value - r.getStart()) % Math.max(1, r.getStep()) == 0);
    }
}
