package dev.sluice.audit;

import java.time.Instant;
import java.util.UUID;

/** One recorded action: {@code user} is the acting user's email, or {@value AuditLog#SYSTEM} for the scheduler. */
public record AuditEntry(UUID projectId, Instant timestamp, String user, String action, String resourceType, String resourceId,
                         String detail) {
}
