package dev.sluice.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.QueryLimit;
import dev.sluice.common.Results;
import dev.sluice.project.ProjectPermissions;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/projects/{pid}/audit_log}: project ADMINs only, newest first. */
@RestController
class AuditLogController {

    private final AuditLog auditLog;
    private final ProjectPermissions permissions;

    AuditLogController(AuditLog auditLog, ProjectPermissions permissions) {
        this.auditLog = auditLog;
        this.permissions = permissions;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditEntryResponse(Instant timestamp, String user, String action, String resourceType, String resourceId, String detail) {

        static AuditEntryResponse of(AuditEntry e) {
            return new AuditEntryResponse(e.timestamp(), e.user(), e.action(), e.resourceType(), e.resourceId(), e.detail());
        }
    }

    @GetMapping("/api/projects/{projectId}/audit_log")
    Results<AuditEntryResponse> list(@PathVariable UUID projectId, @RequestParam(required = false) Integer limit) {
        permissions.requireAdmin(projectId);
        return new Results<>(auditLog.list(projectId, QueryLimit.of(limit)).stream().map(AuditEntryResponse::of).toList());
    }
}
