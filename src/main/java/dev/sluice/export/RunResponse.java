package dev.sluice.export;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** A run as the REST API shows it, in an export's {@code latest_runs} and in the runs list. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunResponse(
        UUID id,
        String status,
        Instant dataIntervalStart,
        Instant dataIntervalEnd,
        long recordsCompleted,
        long bytesExported,
        String latestError,
        Instant createdAt,
        Instant finishedAt,
        UUID backfillId) {

    public static RunResponse of(RunSummary r) {
        return new RunResponse(r.id(), r.status(), r.dataIntervalStart(), r.dataIntervalEnd(), r.recordsCompleted(),
                r.bytesExported(), r.latestError(), r.createdAt(), r.finishedAt(), r.backfillId());
    }
}
