package dev.sluice.schedule;

import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Temporal Schedule spec whose action times are exactly the boundaries of an export's
 * {@link IntervalGrid}: an epoch-aligned interval spec for 5 minutes, 15 minutes and hours, a
 * calendar spec in the export's time zone for days and weeks. An action at a boundary runs the
 * interval that ends there.
 */
final class ScheduleSpecs {

    private static final Duration MAX_JITTER = Duration.ofMinutes(15);

    private ScheduleSpecs() {
    }

    /**
     * @param startAt the export's start_at: the first run is of the interval that holds it
     * @param endAt the export's end_at: the last run is of the interval that ends at or before it
     * @param now when the spec is made; sub-daily grids follow the zone's standard offset at this time
     */
    static ScheduleSpec of(IntervalGrid grid, Instant startAt, Instant endAt, Instant now) {
        ScheduleSpec.Builder spec = ScheduleSpec.newBuilder()
                .setTimeZoneName(grid.zone().getId())
                .setJitter(jitter(grid.interval()));
        if (grid.interval().isCalendar()) {
            spec.setCalendars(List.of(calendar(grid)));
        } else {
            spec.setIntervals(List.of(interval(grid, now)));
        }
        if (startAt != null) {
            // An action exactly at start_at would run the interval before it.
            spec.setStartAt(startAt.plusSeconds(1));
        }
        if (endAt != null) {
            spec.setEndAt(endAt);
        }
        return spec.build();
    }

    /** Boundaries at {@code epoch + phase + k × length}, the phase being the grid's offset from UTC. */
    static ScheduleIntervalSpec interval(IntervalGrid grid, Instant now) {
        long length = grid.interval().nominalLength().toSeconds();
        long standardOffset = grid.zone().getRules().getStandardOffset(now).getTotalSeconds();
        long phase = Math.floorMod(grid.offsetSeconds() - standardOffset, length);
        return new ScheduleIntervalSpec(grid.interval().nominalLength(), Duration.ofSeconds(phase));
    }

    /** Every day (or on one day of the week, 0 = Sunday) at the offset's local time of day. */
    static ScheduleCalendarSpec calendar(IntervalGrid grid) {
        int offset = grid.offsetSeconds();
        int secondOfDay = offset % 86_400;
        ScheduleRange dayOfWeek = grid.interval() == ExportInterval.WEEK ? new ScheduleRange(offset / 86_400) : new ScheduleRange(0, 6);
        return ScheduleCalendarSpec.newBuilder()
                .setSeconds(List.of(new ScheduleRange(secondOfDay % 60)))
                .setMinutes(List.of(new ScheduleRange(secondOfDay / 60 % 60)))
                .setHour(List.of(new ScheduleRange(secondOfDay / 3600)))
                .setDayOfMonth(List.of(new ScheduleRange(1, 31)))
                .setMonth(List.of(new ScheduleRange(1, 12)))
                .setDayOfWeek(List.of(dayOfWeek))
                .build();
    }

    /** Spreads runs of many exports: a tenth of the interval, at most 15 minutes. */
    static Duration jitter(ExportInterval interval) {
        Duration tenth = interval.nominalLength().dividedBy(10);
        return tenth.compareTo(MAX_JITTER) > 0 ? MAX_JITTER : tenth;
    }
}
