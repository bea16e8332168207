package dev.sluice.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open interval {@code [start, end)} of ingestion time. */
public record DataInterval(Instant start, Instant end) {

    public DataInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("interval end " + end + " must be after its start " + start);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
