package dev.sluice.ingest;

import java.time.Instant;
import java.util.UUID;

/** One row of the {@code events} table, ready to insert; {@code propertiesJson} is a JSON object. */
record EventRow(UUID uuid, String event, String distinctId, String propertiesJson, Instant timestamp, Instant insertedAt) {
}
