package dev.sluice.source;

import dev.sluice.common.DataInterval;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import java.util.UUID;

/**
 * What to read: one interval of one project's model, with the export's fields and filters pushed
 * down, optionally resuming strictly after {@code resumeAfter}.
 */
public record SourceQuery(UUID projectId, ExportModel model, ExportSchema schema, ExportFilters filters,
                          DataInterval interval, Cursor resumeAfter) {

    public SourceQuery withResumeAfter(Cursor cursor) {
        return new SourceQuery(projectId, model, schema, filters, interval, cursor);
    }
}
