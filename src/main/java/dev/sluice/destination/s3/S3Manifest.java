package dev.sluice.destination.s3;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.destination.s3.S3Progress.FinishedObject;
import java.util.List;
import java.util.UUID;

/** {@code manifest.json}: written last, its presence marks the interval's objects as complete. */
record S3Manifest(
        @JsonProperty("export_id") UUID exportId,
        @JsonProperty("run_id") UUID runId,
        @JsonProperty("model") String model,
        @JsonProperty("data_interval_start") String dataIntervalStart,
        @JsonProperty("data_interval_end") String dataIntervalEnd,
        @JsonProperty("file_format") String fileFormat,
        @JsonProperty("compression") String compression,
        @JsonProperty("files") List<FinishedObject> files,
        @JsonProperty("records") long records,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("completed_at") String completedAt) {
}
