package dev.sluice.run;

import dev.sluice.common.BadRequestException;
import dev.sluice.common.QueryLimit;
import dev.sluice.common.Results;
import dev.sluice.common.Timestamps;
import dev.sluice.export.ExportService;
import dev.sluice.export.RunResponse;
import dev.sluice.project.ProjectPermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs of an export: newest interval first, retry and cancel. */
@RestController
@RequestMapping("/api/projects/{projectId}/batch_exports/{exportId}/runs")
class RunController {

    private final RunService runs;
    private final ExportService exports;
    private final ProjectPermissions permissions;

    RunController(RunService runs, ExportService exports, ProjectPermissions permissions) {
        this.runs = runs;
        this.exports = exports;
        this.permissions = permissions;
    }

    /** {@code before} keeps runs whose interval ends strictly before it: the next page after the last run shown. */
    @GetMapping
    Results<RunResponse> list(@PathVariable UUID projectId, @PathVariable UUID exportId,
                              @RequestParam(required = false) String status, @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String before) {
        permissions.requireViewer(projectId);
        exports.get(projectId, exportId);
        RunStatus statusFilter = parseStatus(status);
        Instant beforeEnd = Timestamps.parse("before", before);
        return new Results<>(runs.list(exportId, statusFilter, beforeEnd, QueryLimit.of(limit)).stream()
                .map(r -> RunResponse.of(RunService.summary(r))).toList());
    }

    @GetMapping("/{runId}")
    RunResponse get(@PathVariable UUID projectId, @PathVariable UUID exportId, @PathVariable UUID runId) {
        permissions.requireViewer(projectId);
        exports.get(projectId, exportId);
        return RunResponse.of(RunService.summary(runs.get(exportId, runId)));
    }

    /** Re-runs the run's interval; the output of a completed interval is replaced, never appended. */
    @PostMapping("/{runId}/retry")
    RunResponse retry(@PathVariable UUID projectId, @PathVariable UUID exportId, @PathVariable UUID runId) {
        permissions.requireEditor(projectId);
        exports.get(projectId, exportId);
        runs.retry(exportId, runId);
        return RunResponse.of(RunService.summary(runs.get(exportId, runId)));
    }

    @PostMapping("/{runId}/cancel")
    RunResponse cancel(@PathVariable UUID projectId, @PathVariable UUID exportId, @PathVariable UUID runId) {
        permissions.requireEditor(projectId);
        exports.get(projectId, exportId);
        runs.cancel(exportId, runId);
        return RunResponse.of(RunService.summary(runs.get(exportId, runId)));
    }

    private static RunStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        return Arrays.stream(RunStatus.values()).filter(s -> s.name().equals(status.trim())).findFirst()
                .orElseThrow(() -> new BadRequestException("status", "status must be one of "
                        + Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", ")) + "."));
    }
}
