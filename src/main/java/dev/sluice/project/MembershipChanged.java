package dev.sluice.project;

import java.util.UUID;

/**
 * Published inside the transaction of a membership change, so listeners (the audit log) record it
 * with the change or not at all. {@code previousRole} is null for an added member; {@code role} is
 * null for a removed one.
 */
public record MembershipChanged(UUID projectId, UUID userId, String email, Change change, ProjectRole previousRole,
                                ProjectRole role) {

    public enum Change { ADDED, ROLE_CHANGED, REMOVED }
}
