package dev.sluice.source;

import dev.sluice.common.DataInterval;
import java.util.UUID;

/**
 * What to read: one interval of one project's model, with the export's fields and filters pushed
 * down, optionally resuming strictly after {@code resumeAfter}, and optionally reading at most
 * {@code limit} rows (the first ones in cursor order; null reads them all). Sources push the limit
 * into their query; {@link EventSource#count} ignores it.
 */
public record SourceQuery(UUID projectId, ExportModel model, ExportSchema schema, ExportFilters filters,
                          DataInterval interval, Cursor resumeAfter, Integer limit) {

    public SourceQuery {
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("a row limit must be at least 1, not " + limit);
        }
    }

    /** A query of every row of the interval. */
    public SourceQuery(UUID projectId, ExportModel model, ExportSchema schema, ExportFilters filters,
                       DataInterval interval, Cursor resumeAfter) {
        this(projectId, model, schema, filters, interval, resumeAfter, null);
    }

    public SourceQuery withResumeAfter(Cursor cursor) {
        return new SourceQuery(projectId, model, schema, filters, interval, cursor, limit);
    }

    /** The same query reading at most {@code rows} rows. */
    public SourceQuery withLimit(int rows) {
        return new SourceQuery(projectId, model, schema, filters, interval, resumeAfter, rows);
    }
}
