package dev.sluice.export;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** The JSON answer of a preview: the interval read, its row count, and its first rows as display strings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PreviewResponse(Instant intervalStart, Instant intervalEnd, long count, List<String> columns, List<List<String>> rows) {

    static PreviewResponse of(ExportPreview.Result result) {
        return new PreviewResponse(result.interval().start(), result.interval().end(), result.count(), result.columns(), result.rows());
    }
}
