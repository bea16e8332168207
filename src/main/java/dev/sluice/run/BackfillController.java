package dev.sluice.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.Results;
import dev.sluice.project.ProjectPermissions;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Backfills of an export: past intervals exported on request. */
@RestController
@RequestMapping("/api/projects/{projectId}/batch_exports/{exportId}/backfills")
class BackfillController {

    private final BackfillService backfills;
    private final ProjectPermissions permissions;

    BackfillController(BackfillService backfills, ProjectPermissions permissions) {
        this.backfills = backfills;
        this.permissions = permissions;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BackfillRequest(Instant startAt, Instant endAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BackfillResponse(UUID id, UUID batchExportId, BackfillStatus status, Instant startAt, Instant endAt, int totalRuns,
                            int finishedRuns, Instant createdAt, Instant finishedAt, Instant lastUpdatedAt) {

        static BackfillResponse of(Backfill b) {
            return new BackfillResponse(b.getId(), b.getBatchExportId(), b.getStatus(), b.getStartAt(), b.getEndAt(), b.getTotalRuns(),
                    b.getFinishedRuns(), b.getCreatedAt(), b.getFinishedAt(), b.getLastUpdatedAt());
        }
    }

    /** {@code start_at} null backfills from the earliest data; {@code end_at} must not be in the future. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    BackfillResponse create(@PathVariable UUID projectId, @PathVariable UUID exportId, @RequestBody BackfillRequest request) {
        permissions.requireEditor(projectId);
        if (request.endAt() == null) {
            throw new BadRequestException("end_at", "end_at is required.");
        }
        return BackfillResponse.of(backfills.create(projectId, exportId, request.startAt(), request.endAt()));
    }

    @GetMapping
    Results<BackfillResponse> list(@PathVariable UUID projectId, @PathVariable UUID exportId) {
        permissions.requireViewer(projectId);
        return new Results<>(backfills.list(projectId, exportId).stream().map(BackfillResponse::of).toList());
    }

    @GetMapping("/{backfillId}")
    BackfillResponse get(@PathVariable UUID projectId, @PathVariable UUID exportId, @PathVariable UUID backfillId) {
        permissions.requireViewer(projectId);
        return BackfillResponse.of(backfills.get(projectId, exportId, backfillId));
    }

    /** Asks the backfill to stop; its status turns Cancelled once the workflow has wound down. */
    @PostMapping("/{backfillId}/cancel")
    BackfillResponse cancel(@PathVariable UUID projectId, @PathVariable UUID exportId, @PathVariable UUID backfillId) {
        permissions.requireEditor(projectId);
        backfills.cancel(projectId, exportId, backfillId);
        return BackfillResponse.of(backfills.get(projectId, exportId, backfillId));
    }
}
