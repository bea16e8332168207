package dev.sluice.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IntervalGridTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");

    static Stream<IntervalGrid> grids() {
        List<IntervalGrid> grids = new ArrayList<>();
        for (ExportInterval interval : ExportInterval.values()) {
            long len = interval.nominalLength().toSeconds();
            for (ZoneId zone : List.of(ZoneOffset.UTC, BERLIN, NEW_YORK, KOLKATA, KATHMANDU)) {
                grids.add(new IntervalGrid(interval, zone, 0));
                grids.add(new IntervalGrid(interval, zone, (int) (len / 3 + 7)));
                grids.add(new IntervalGrid(interval, zone, (int) (len - 60)));
            }
        }
        return grids.stream();
    }

    @ParameterizedTest
    @MethodSource("grids")
    void everyInstantLiesInExactlyOneIntervalWhoseBoundariesAreOnTheGrid(IntervalGrid grid) {
        Random random = new Random(grid.hashCode());
        for (int i = 0; i < 300; i++) {
            Instant t = randomInstant(random);
            Instant floor = grid.floor(t);
            Instant next = grid.next(t);
            assertThat(floor).isBeforeOrEqualTo(t);
            assertThat(next).isAfter(t);
            assertThat(grid.isBoundary(floor)).isTrue();
            assertThat(grid.isBoundary(next)).isTrue();
            assertThat(grid.next(floor)).isEqualTo(next);
            assertThat(grid.intervalContaining(t)).isEqualTo(new DataInterval(floor, next));
            assertThat(grid.intervalEndingAt(next)).isEqualTo(new DataInterval(floor, next));
            Duration length = Duration.between(floor, next);
            Duration nominal = grid.interval().nominalLength();
            if (grid.interval().isCalendar()) {
                assertThat(length).isBetween(nominal.minusHours(1), nominal.plusHours(1));
            } else {
                assertThat(length).isEqualTo(nominal);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("grids")
    void consecutiveIntervalsAreContiguousAndCeilRoundsUpToTheNextBoundary(IntervalGrid grid) {
        Instant b = grid.floor(Instant.parse("2024-03-01T00:00:00Z"));
        for (int i = 0; i < 120; i++) {
            Instant n = grid.next(b);
            assertThat(grid.floor(b)).isEqualTo(b);
            assertThat(grid.floor(n.minusSeconds(1))).isEqualTo(b);
            assertThat(grid.ceil(b)).isEqualTo(b);
            assertThat(grid.ceil(b.plusSeconds(1))).isEqualTo(n);
            b = n;
        }
    }

    @ParameterizedTest
    @MethodSource("grids")
    void intervalsOverlappingAndCountOverlappingAgree(IntervalGrid grid) {
        Random random = new Random(31L * grid.hashCode());
        long maxSpan = grid.interval().nominalLength().toSeconds() * 40;
        for (int i = 0; i < 200; i++) {
            Instant start = randomInstant(random);
            Instant end = start.plusSeconds(random.nextLong(maxSpan) - maxSpan / 10);
            List<DataInterval> intervals = grid.intervalsOverlapping(start, end);
            assertThat(grid.countOverlapping(start, end)).isEqualTo(intervals.size());
            if (!end.isAfter(start)) {
                assertThat(intervals).isEmpty();
                continue;
            }
            assertThat(intervals.get(0).contains(start)).isTrue();
            assertThat(intervals.get(intervals.size() - 1).end()).isAfterOrEqualTo(end);
            assertThat(intervals.get(intervals.size() - 1).start()).isBefore(end);
            for (int k = 1; k < intervals.size(); k++) {
                assertThat(intervals.get(k).start()).isEqualTo(intervals.get(k - 1).end());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ExportInterval.class)
    void utcGridsWithoutOffsetStartAtTheTopOfTheirPeriod(ExportInterval interval) {
        IntervalGrid grid = IntervalGrid.utc(interval);
        Instant t = Instant.parse("2024-05-15T13:47:12Z");
        Instant expected = switch (interval) {
            case FIVE_MINUTES -> Instant.parse("2024-05-15T13:45:00Z");
            case FIFTEEN_MINUTES -> Instant.parse("2024-05-15T13:45:00Z");
            case HOUR -> Instant.parse("2024-05-15T13:00:00Z");
            case DAY -> Instant.parse("2024-05-15T00:00:00Z");
            case WEEK -> Instant.parse("2024-05-12T00:00:00Z");
        };
        assertThat(grid.floor(t)).isEqualTo(expected);
        assertThat(grid.next(t)).isEqualTo(expected.plus(interval.nominalLength()));
    }

    @Test
    void anHourlyOffsetShiftsEveryBoundaryByThatManySeconds() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.HOUR, ZoneOffset.UTC, 15 * 60);
        assertThat(grid.floor(Instant.parse("2024-05-15T13:10:00Z"))).isEqualTo(Instant.parse("2024-05-15T12:15:00Z"));
        assertThat(grid.floor(Instant.parse("2024-05-15T13:15:00Z"))).isEqualTo(Instant.parse("2024-05-15T13:15:00Z"));
        assertThat(grid.next(Instant.parse("2024-05-15T13:15:00Z"))).isEqualTo(Instant.parse("2024-05-15T14:15:00Z"));
    }

    @Test
    void fiveMinuteOffsetsAreSecondsIntoEachFiveMinutes() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.FIVE_MINUTES, ZoneOffset.UTC, 90);
        assertThat(grid.floor(Instant.parse("2024-05-15T13:01:29Z"))).isEqualTo(Instant.parse("2024-05-15T12:56:30Z"));
        assertThat(grid.floor(Instant.parse("2024-05-15T13:01:30Z"))).isEqualTo(Instant.parse("2024-05-15T13:01:30Z"));
    }

    @Test
    void aDailyOffsetMovesTheBoundaryToThatLocalTime() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.DAY, ZoneOffset.UTC, 2 * 3600);
        assertThat(grid.floor(Instant.parse("2024-05-15T01:59:59Z"))).isEqualTo(Instant.parse("2024-05-14T02:00:00Z"));
        assertThat(grid.floor(Instant.parse("2024-05-15T02:00:00Z"))).isEqualTo(Instant.parse("2024-05-15T02:00:00Z"));
    }

    @Test
    void hourlyGridsInHalfHourZonesAreAlignedToLocalHours() {
        IntervalGrid kolkata = new IntervalGrid(ExportInterval.HOUR, KOLKATA, 0);
        Instant floor = kolkata.floor(Instant.parse("2024-05-15T13:47:00Z"));
        assertThat(floor).isEqualTo(Instant.parse("2024-05-15T13:30:00Z"));
        assertThat(floor.atZone(KOLKATA).toLocalTime()).isEqualTo(LocalTime.of(19, 0));

        IntervalGrid kathmandu = new IntervalGrid(ExportInterval.HOUR, KATHMANDU, 0);
        assertThat(kathmandu.floor(Instant.parse("2024-05-15T13:47:00Z")).atZone(KATHMANDU).toLocalTime()).isEqualTo(LocalTime.of(19, 0));
    }

    @Test
    void daysStartAtLocalMidnightInTheExportsZone() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.DAY, NEW_YORK, 0);
        assertThat(grid.floor(Instant.parse("2024-01-15T12:00:00Z"))).isEqualTo(Instant.parse("2024-01-15T05:00:00Z"));
        assertThat(grid.floor(Instant.parse("2024-07-15T12:00:00Z"))).isEqualTo(Instant.parse("2024-07-15T04:00:00Z"));
        assertThat(grid.floor(Instant.parse("2024-07-15T03:59:59Z"))).isEqualTo(Instant.parse("2024-07-14T04:00:00Z"));
    }

    @Test
    void theSpringForwardDayIsTwentyThreeHoursLong() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.DAY, BERLIN, 0);
        DataInterval day = grid.intervalContaining(Instant.parse("2024-03-31T12:00:00Z"));
        assertThat(day).isEqualTo(new DataInterval(Instant.parse("2024-03-30T23:00:00Z"), Instant.parse("2024-03-31T22:00:00Z")));
        assertThat(day.length()).isEqualTo(Duration.ofHours(23));
        assertThat(IntervalGrid.utc(ExportInterval.HOUR).countOverlapping(day.start(), day.end())).isEqualTo(23);
        assertThat(new IntervalGrid(ExportInterval.HOUR, BERLIN, 0).countOverlapping(day.start(), day.end())).isEqualTo(23);
    }

    @Test
    void theFallBackDayIsTwentyFiveHoursLong() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.DAY, BERLIN, 0);
        DataInterval day = grid.intervalContaining(Instant.parse("2024-10-27T12:00:00Z"));
        assertThat(day).isEqualTo(new DataInterval(Instant.parse("2024-10-26T22:00:00Z"), Instant.parse("2024-10-27T23:00:00Z")));
        assertThat(day.length()).isEqualTo(Duration.ofHours(25));
        assertThat(new IntervalGrid(ExportInterval.FIFTEEN_MINUTES, BERLIN, 0).countOverlapping(day.start(), day.end())).isEqualTo(100);
    }

    @Test
    void aDailyOffsetInsideTheSpringForwardGapMovesToTheFirstValidLocalTime() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.DAY, BERLIN, (int) Duration.ofMinutes(150).toSeconds());
        Instant boundary = grid.next(Instant.parse("2024-03-30T12:00:00Z"));
        assertThat(boundary.atZone(BERLIN).toLocalDateTime()).hasToString("2024-03-31T03:30");
        assertThat(grid.next(boundary).atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(2, 30));
    }

    @Test
    void subDailyGridsIgnoreDaylightSavingTime() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.HOUR, NEW_YORK, 0);
        Instant winter = grid.floor(Instant.parse("2024-01-15T12:34:00Z"));
        Instant summer = grid.floor(Instant.parse("2024-07-15T12:34:00Z"));
        assertThat(winter).isEqualTo(Instant.parse("2024-01-15T12:00:00Z"));
        assertThat(summer).isEqualTo(Instant.parse("2024-07-15T12:00:00Z"));
        assertThat(grid.countOverlapping(Instant.parse("2024-03-10T00:00:00Z"), Instant.parse("2024-03-11T00:00:00Z"))).isEqualTo(24);
    }

    @Test
    void weeksStartOnSundayAtLocalMidnight() {
        IntervalGrid grid = new IntervalGrid(ExportInterval.WEEK, NEW_YORK, 0);
        Instant floor = grid.floor(Instant.parse("2024-05-15T12:00:00Z"));
        ZonedDateTime local = floor.atZone(NEW_YORK);
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(local.toLocalDate()).hasToString("2024-05-12");
        assertThat(local.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
    }

    @Test
    void aWeeklyOffsetCountsDaysFromSunday() {
        int mondayNine = (int) (Duration.ofDays(1).plusHours(9).toSeconds());
        IntervalGrid grid = new IntervalGrid(ExportInterval.WEEK, ZoneOffset.UTC, mondayNine);
        assertThat(grid.floor(Instant.parse("2024-05-13T08:59:59Z"))).isEqualTo(Instant.parse("2024-05-06T09:00:00Z"));
        assertThat(grid.floor(Instant.parse("2024-05-13T09:00:00Z"))).isEqualTo(Instant.parse("2024-05-13T09:00:00Z"));
        assertThat(grid.floor(Instant.parse("2024-05-12T10:00:00Z"))).isEqualTo(Instant.parse("2024-05-06T09:00:00Z"));
        assertThat(grid.next(Instant.parse("2024-05-13T09:00:00Z"))).isEqualTo(Instant.parse("2024-05-20T09:00:00Z"));

        int saturdayLate = (int) (Duration.ofDays(6).plusHours(23).toSeconds());
        IntervalGrid late = new IntervalGrid(ExportInterval.WEEK, BERLIN, saturdayLate);
        Instant b = late.floor(Instant.parse("2024-05-15T12:00:00Z"));
        assertThat(b.atZone(BERLIN).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(b.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(23, 0));
        assertThat(late.next(b)).isEqualTo(b.plus(Duration.ofDays(7)));
    }

    @Test
    void aWeekAcrossTheSpringForwardChangeIsAnHourShorter() {
        int mondayNine = (int) (Duration.ofDays(1).plusHours(9).toSeconds());
        IntervalGrid grid = new IntervalGrid(ExportInterval.WEEK, NEW_YORK, mondayNine);
        DataInterval week = grid.intervalContaining(Instant.parse("2024-03-10T12:00:00Z"));
        assertThat(week.start().atZone(NEW_YORK).toLocalDateTime()).hasToString("2024-03-04T09:00");
        assertThat(week.end().atZone(NEW_YORK).toLocalDateTime()).hasToString("2024-03-11T09:00");
        assertThat(week.length()).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void intervalEndingAtRejectsInstantsOffTheGrid() {
        IntervalGrid grid = IntervalGrid.utc(ExportInterval.HOUR);
        assertThatThrownBy(() -> grid.intervalEndingAt(Instant.parse("2024-05-15T13:30:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(grid.intervalEndingAt(Instant.parse("2024-05-15T13:00:00Z")))
                .isEqualTo(new DataInterval(Instant.parse("2024-05-15T12:00:00Z"), Instant.parse("2024-05-15T13:00:00Z")));
    }

    @Test
    void anEmptyOrReversedRangeHoldsNoInterval() {
        for (ExportInterval interval : ExportInterval.values()) {
            IntervalGrid grid = IntervalGrid.utc(interval);
            Instant t = Instant.parse("2024-05-15T13:30:00Z");
            assertThat(grid.intervalsOverlapping(t, t)).isEmpty();
            assertThat(grid.countOverlapping(t, t)).isZero();
            assertThat(grid.intervalsOverlapping(t, t.minusSeconds(60))).isEmpty();
            assertThat(grid.countOverlapping(t, t.minusSeconds(60))).isZero();
        }
    }

    @Test
    void aPartialIntervalAtEitherEndOfARangeCounts() {
        IntervalGrid grid = IntervalGrid.utc(ExportInterval.HOUR);
        Instant start = Instant.parse("2024-05-15T10:30:00Z");
        Instant end = Instant.parse("2024-05-15T13:10:00Z");
        assertThat(grid.intervalsOverlapping(start, end)).extracting(DataInterval::start).containsExactly(
                Instant.parse("2024-05-15T10:00:00Z"), Instant.parse("2024-05-15T11:00:00Z"),
                Instant.parse("2024-05-15T12:00:00Z"), Instant.parse("2024-05-15T13:00:00Z"));
        assertThat(grid.countOverlapping(start, Instant.parse("2024-05-15T13:00:00Z"))).isEqualTo(3);
    }

    @Test
    void offsetsOutsideOneIntervalAreRejected() {
        assertThatThrownBy(() -> new IntervalGrid(ExportInterval.HOUR, ZoneOffset.UTC, 3600)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntervalGrid(ExportInterval.DAY, ZoneOffset.UTC, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new IntervalGrid(ExportInterval.WEEK, ZoneOffset.UTC, 7 * 86400 - 1).offsetSeconds()).isEqualTo(7 * 86400 - 1);
    }

    private static Instant randomInstant(Random random) {
        long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond();
        return Instant.ofEpochSecond(from + random.nextLong(to - from));
    }
}
