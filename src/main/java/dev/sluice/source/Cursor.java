package dev.sluice.source;

import java.time.Instant;

/**
 * A position in an interval's rows, which sources read in {@code (inserted_at, key)} order. A
 * resumed export continues strictly after the last cursor it committed.
 */
public record Cursor(Instant insertedAt, String key) {
}
