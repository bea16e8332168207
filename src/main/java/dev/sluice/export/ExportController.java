package dev.sluice.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.ApiError;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.Results;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.project.ProjectPermissions;
import dev.sluice.source.SourceReadException;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Batch exports of a project: CRUD, pause/unpause, destination checks and previews. */
@RestController
@RequestMapping("/api/projects/{projectId}/batch_exports")
class ExportController {

    static final int LATEST_RUNS = 10;
    private static final Logger log = LoggerFactory.getLogger(ExportController.class);

    private final ExportService exports;
    private final ProjectPermissions permissions;
    private final DestinationConfigs configs;
    private final LatestRuns latestRuns;
    private final DestinationCheck check;
    private final ExportPreview preview;
    private final ObjectMapper json;

    ExportController(ExportService exports, ProjectPermissions permissions, DestinationConfigs configs, LatestRuns latestRuns,
                     DestinationCheck check, ExportPreview preview, ObjectMapper json) {
        this.exports = exports;
        this.permissions = permissions;
        this.configs = configs;
        this.latestRuns = latestRuns;
        this.check = check;
        this.preview = preview;
        this.json = json;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UnpauseRequest(Boolean backfillPausedGap) {
    }

    @GetMapping
    Results<ExportResponse> list(@PathVariable UUID projectId) {
        permissions.requireViewer(projectId);
        return new Results<>(exports.list(projectId).stream().map(this::response).toList());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ExportResponse create(@PathVariable UUID projectId, @RequestBody ExportRequest request) {
        permissions.requireEditor(projectId);
        return response(exports.create(projectId, request.toDraft()));
    }

    @GetMapping("/{exportId}")
    ExportResponse get(@PathVariable UUID projectId, @PathVariable UUID exportId) {
        permissions.requireViewer(projectId);
        return response(exports.get(projectId, exportId));
    }

    /**
     * Overlays the fields present in the body on the stored export. An omitted {@code destination}
     * keeps the stored one; inside {@code destination.config}, keys present replace stored ones and
     * an omitted (or null) secret keeps its stored value.
     */
    @PatchMapping("/{exportId}")
    ExportResponse update(@PathVariable UUID projectId, @PathVariable UUID exportId, @RequestBody JsonNode body)
            throws JsonProcessingException {
        permissions.requireEditor(projectId);
        if (!body.isObject()) {
            throw new BadRequestException(null, "The request body must be a JSON object.");
        }
        ExportRequest patch = json.treeToValue(body, ExportRequest.class);
        BatchExport stored = exports.get(projectId, exportId);
        return response(exports.update(projectId, exportId, overlay(stored, patch, body)));
    }

    @DeleteMapping("/{exportId}")
    ResponseEntity<Void> delete(@PathVariable UUID projectId, @PathVariable UUID exportId) {
        permissions.requireEditor(projectId);
        exports.delete(projectId, exportId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{exportId}/pause")
    ExportResponse pause(@PathVariable UUID projectId, @PathVariable UUID exportId) {
        permissions.requireEditor(projectId);
        return response(exports.pause(projectId, exportId));
    }

    @PostMapping("/{exportId}/unpause")
    ExportResponse unpause(@PathVariable UUID projectId, @PathVariable UUID exportId,
                           @RequestBody(required = false) UnpauseRequest request) {
        permissions.requireEditor(projectId);
        boolean backfillGap = request != null && Boolean.TRUE.equals(request.backfillPausedGap());
        return response(exports.unpause(projectId, exportId, backfillGap));
    }

    @PostMapping("/{exportId}/run_test_step")
    DestinationCheck.Steps runTestStep(@PathVariable UUID projectId, @PathVariable UUID exportId) {
        permissions.requireEditor(projectId);
        return check.stored(exports.get(projectId, exportId));
    }

    @PostMapping("/test")
    DestinationCheck.Steps test(@PathVariable UUID projectId, @RequestBody ExportRequest request) {
        permissions.requireEditor(projectId);
        return check.draft(request.toDraft());
    }

    @GetMapping("/{exportId}/preview")
    PreviewResponse preview(@PathVariable UUID projectId, @PathVariable UUID exportId) {
        permissions.requireViewer(projectId);
        return PreviewResponse.of(preview.ofSaved(projectId, exportId));
    }

    /** Previews an export body as a create would take it, without saving it; its destination is not needed. */
    @PostMapping("/preview")
    PreviewResponse previewDraft(@PathVariable UUID projectId, @RequestBody ExportRequest request) {
        permissions.requireEditor(projectId);
        return PreviewResponse.of(preview.ofDraft(projectId, request.toDraft()));
    }

    /** The event source could not be read (a ClickHouse server down, say): not the caller's fault, nor Sluice's. */
    @ExceptionHandler(SourceReadException.class)
    ResponseEntity<ApiError> sourceUnreadable(SourceReadException e) {
        log.warn("A preview could not read its event source: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(HttpStatus.BAD_GATEWAY, "The event source could not be read: " + e.getMessage(), null));
    }

    private ExportResponse response(BatchExport e) {
        return new ExportResponse(e.getId(), e.getProjectId(), e.getName(),
                new ExportResponse.DestinationResponse(e.getDestination().getType().apiValue(), configs.redacted(e.getDestination())),
                e.getInterval().apiValue(), e.getIntervalOffset(), e.getTimezone(), e.getModel().apiValue(), e.getSchema(),
                e.getFilters(), e.isPaused(), e.getStartAt(), e.getEndAt(), e.getCreatedAt(), e.getLastUpdatedAt(),
                e.getLastPausedAt(), e.getPausedReason(), latestRuns.latest(e.getId(), LATEST_RUNS).stream().map(RunResponse::of).toList());
    }

    private static ExportDraft overlay(BatchExport stored, ExportRequest patch, JsonNode body) {
        String type = stored.getDestination().getType().apiValue();
        Map<String, Object> config = Map.of();
        if (patch.destination() != null) {
            if (patch.destination().type() != null) {
                type = patch.destination().type();
            }
            if (patch.destination().config() != null) {
                config = patch.destination().config();
            }
        }
        return new ExportDraft(
                body.has("name") ? patch.name() : stored.getName(),
                type,
                config,
                body.has("interval") ? patch.interval() : stored.getInterval().apiValue(),
                body.has("interval_offset") ? patch.intervalOffset() : Integer.valueOf(stored.getIntervalOffset()),
                body.has("timezone") ? patch.timezone() : stored.getTimezone(),
                body.has("model") ? patch.model() : stored.getModel().apiValue(),
                body.has("schema") ? patch.schema() : stored.getSchema(),
                body.has("filters") ? patch.filters() : stored.getFilters(),
                patch.paused() != null ? patch.paused() : Boolean.valueOf(stored.isPaused()),
                body.has("start_at") ? patch.startAt() : stored.getStartAt(),
                body.has("end_at") ? patch.endAt() : stored.getEndAt());
    }
}
