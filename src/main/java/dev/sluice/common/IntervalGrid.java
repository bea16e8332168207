package dev.sluice.common;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The grid of interval boundaries of one export: pure math, no clock, no I/O.
 *
 * <p>Sub-daily intervals (5 minutes, 15 minutes, hour) are fixed lengths aligned to the time
 * zone's standard offset plus {@code offsetSeconds}. Days start at local midnight plus the offset;
 * weeks start on Sunday at local midnight plus the offset (0 = Sunday 00:00, as Temporal counts).
 * A day that crosses a DST change is 23 or 25 hours long.
 */
public record IntervalGrid(ExportInterval interval, ZoneId zone, int offsetSeconds) {

    public IntervalGrid {
        if (offsetSeconds < 0 || offsetSeconds >= interval.nominalLength().toSeconds()) {
            throw new IllegalArgumentException("offset " + offsetSeconds + "s is outside one " + interval.apiValue());
        }
    }

    /** The latest boundary at or before {@code t}. */
    public Instant floor(Instant t) {
        if (!interval.isCalendar()) {
            long len = interval.nominalLength().toSeconds();
            long shift = zone.getRules().getStandardOffset(t).getTotalSeconds() - offsetSeconds;
            long local = t.getEpochSecond() + shift;
            long floored = Math.floorDiv(local, len) * len;
            return Instant.ofEpochSecond(floored - shift);
        }
        LocalDate date = LocalDate.ofInstant(t, zone);
        if (interval == ExportInterval.WEEK) {
            date = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        }
        // The boundary of the period that holds t may lie after t (offset), or the one before may.
        for (int i = 0; i < 3; i++) {
            Instant boundary = calendarBoundary(date);
            if (!boundary.isAfter(t)) {
                return boundary;
            }
            date = interval == ExportInterval.WEEK ? date.minusWeeks(1) : date.minusDays(1);
        }
        throw new IllegalStateException("no boundary found before " + t);
    }

    /** The first boundary strictly after {@code t}. */
    public Instant next(Instant t) {
        Instant floor = floor(t);
        if (!interval.isCalendar()) {
            return floor.plus(interval.nominalLength());
        }
        LocalDate date = LocalDate.ofInstant(floor, zone);
        if (interval == ExportInterval.WEEK) {
            date = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        }
        for (int i = 0; i < 3; i++) {
            date = interval == ExportInterval.WEEK ? date.plusWeeks(1) : date.plusDays(1);
            Instant boundary = calendarBoundary(date);
            if (boundary.isAfter(t)) {
                return boundary;
            }
        }
        throw new IllegalStateException("no boundary found after " + t);
    }

    /** The smallest boundary at or after {@code t}. */
    public Instant ceil(Instant t) {
        Instant floor = floor(t);
        return floor.equals(t) ? t : next(t);
    }

    /** Whether {@code t} lies on the grid. */
    public boolean isBoundary(Instant t) {
        return floor(t).equals(t);
    }

    /** The interval that ends at the boundary {@code end}. */
    public DataInterval intervalEndingAt(Instant end) {
        if (!isBoundary(end)) {
            throw new IllegalArgumentException(end + " is not an interval boundary of " + this);
        }
        return new DataInterval(floor(end.minusNanos(1)), end);
    }

    /** The interval that holds {@code t}. */
    public DataInterval intervalContaining(Instant t) {
        return new DataInterval(floor(t), next(t));
    }

    /** Grid intervals that overlap {@code [start, end)}, oldest first. */
    public List<DataInterval> intervalsOverlapping(Instant start, Instant end) {
        List<DataInterval> result = new ArrayList<>();
        if (!end.isAfter(start)) {
            return result;
        }
        Instant b = floor(start);
        while (b.isBefore(end)) {
            Instant n = next(b);
            result.add(new DataInterval(b, n));
            b = n;
        }
        return result;
    }

    /** Number of grid intervals overlapping {@code [start, end)}, without building them. */
    public long countOverlapping(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return 0;
        }
        if (!interval.isCalendar()) {
            long len = interval.nominalLength().toSeconds();
            return (ceil(end).getEpochSecond() - floor(start).getEpochSecond()) / len;
        }
        long n = 0;
        Instant b = floor(start);
        while (b.isBefore(end)) {
            b = next(b);
            n++;
        }
        return n;
    }

    private Instant calendarBoundary(LocalDate periodStart) {
        LocalDateTime local = periodStart.atStartOfDay().plusSeconds(offsetSeconds);
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** A grid in UTC with no offset; handy in tests. */
    public static IntervalGrid utc(ExportInterval interval) {
        return new IntervalGrid(interval, ZoneOffset.UTC, 0);
    }
}
