package dev.sluice.destination.postgres;

/** What a column holds, as read from the Arrow schema of the export's stream. */
public enum ValueKind {
    TEXT, UUID, JSON, TIMESTAMP, BIGINT, INTEGER, DOUBLE, BOOLEAN
}
