package dev.sluice.destination;

import dev.sluice.source.Cursor;
import java.util.Map;

/**
 * Progress a destination has durably committed, carried in activity heartbeat details so a retried
 * attempt resumes instead of starting over.
 *
 * @param cursor last source row whose data is committed at the destination (null: nothing yet)
 * @param filesCompleted files (or parts) finished, for destinations that write several
 * @param records rows committed so far
 * @param bytes bytes committed so far
 * @param state destination-specific resume state (e.g. a multipart upload id); never secrets
 */
public record ExportCheckpoint(Cursor cursor, int filesCompleted, long records, long bytes, Map<String, String> state) {

    public static ExportCheckpoint start() {
        return new ExportCheckpoint(null, 0, 0, 0, Map.of());
    }
}
