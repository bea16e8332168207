package dev.sluice.destination;

/** What a destination wrote for an interval. */
public record ExportOutcome(long records, long bytes) {
}
