package dev.sluice.destination;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code manifest.json} of a file-writing destination: written last, its presence marks the
 * interval's files (or objects) as complete.
 *
 * @param <F> what each listed file says about itself (name, records, bytes)
 */
public record IntervalManifest<F>(
        @JsonProperty("export_id") UUID exportId,
        @JsonProperty("run_id") UUID runId,
        @JsonProperty("model") String model,
        @JsonProperty("data_interval_start") String dataIntervalStart,
        @JsonProperty("data_interval_end") String dataIntervalEnd,
        @JsonProperty("file_format") String fileFormat,
        @JsonProperty("compression") String compression,
        @JsonProperty("files") List<F> files,
        @JsonProperty("records") long records,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("completed_at") String completedAt) {

    public static <F> IntervalManifest<F> of(DestinationRequest request, String fileFormat, String compression, List<F> files,
                                             long records, long bytes, Instant completedAt) {
        return new IntervalManifest<>(request.exportId(), request.runId(), request.model() == null ? null : request.model().apiValue(),
                request.interval().start().toString(), request.interval().end().toString(), fileFormat, compression,
                List.copyOf(files), records, bytes, completedAt.toString());
    }
}
