package dev.sluice.run;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.QueryLimit;
import dev.sluice.common.Results;
import dev.sluice.export.ExportService;
import dev.sluice.project.ProjectPermissions;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An export's log, newest first. */
@RestController
@RequestMapping("/api/projects/{projectId}/batch_exports/{exportId}/logs")
class LogController {

    static final Set<String> LEVELS = Set.of("DEBUG", "INFO", "WARN", "ERROR");

    private final RunLogService logs;
    private final ExportService exports;
    private final ProjectPermissions permissions;

    LogController(RunLogService logs, ExportService exports, ProjectPermissions permissions) {
        this.logs = logs;
        this.exports = exports;
        this.permissions = permissions;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LogResponse(Instant timestamp, String level, String message, UUID runId) {

        static LogResponse of(RunLog l) {
            return new LogResponse(l.getTimestamp(), l.getLevel(), l.getMessage(), l.getRunId());
        }
    }

    /** {@code level} matches exactly (DEBUG, INFO, WARN, ERROR, any case); {@code search} is a case-insensitive substring. */
    @GetMapping
    Results<LogResponse> list(@PathVariable UUID projectId, @PathVariable UUID exportId,
                              @RequestParam(required = false) String level, @RequestParam(required = false) String search,
                              @RequestParam(name = "run_id", required = false) UUID runId,
                              @RequestParam(required = false) Integer limit) {
        permissions.requireViewer(projectId);
        exports.get(projectId, exportId);
        String levelFilter = null;
        if (level != null && !level.isBlank()) {
            levelFilter = level.trim().toUpperCase(Locale.ROOT);
            if (!LEVELS.contains(levelFilter)) {
                throw new BadRequestException("level", "level must be one of DEBUG, INFO, WARN, ERROR.");
            }
        }
        return new Results<>(logs.search(exportId, levelFilter, search, runId, QueryLimit.of(limit)).stream()
                .map(LogResponse::of).toList());
    }
}
