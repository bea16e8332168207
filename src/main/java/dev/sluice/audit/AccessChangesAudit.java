package dev.sluice.audit;

import dev.sluice.project.MembershipChanged;
import dev.sluice.project.ProjectService;
import dev.sluice.security.PersonalApiKeyChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records who changed access to a project: membership changes in that project, and personal API
 * keys created or revoked in every project of the key's owner (a key reaches all of them). Plain
 * event listeners, so the entry is written in the transaction of the change. Key values never
 * reach the log, only ids and labels.
 */
@Component
class AccessChangesAudit {

    static final String MEMBER = "member";
    static final String PERSONAL_API_KEY = "personal_api_key";

    private final AuditLog audit;
    private final ProjectService projects;

    AccessChangesAudit(AuditLog audit, ProjectService projects) {
        this.audit = audit;
        this.projects = projects;
    }

    @EventListener
    void on(MembershipChanged change) {
        String action = switch (change.change()) {
            case ADDED -> AuditLog.MEMBER_ADDED;
            case ROLE_CHANGED -> AuditLog.ROLE_CHANGED;
            case REMOVED -> AuditLog.MEMBER_REMOVED;
        };
        String detail = switch (change.change()) {
            case ADDED -> change.email() + " as " + change.role();
            case ROLE_CHANGED -> change.email() + ": " + change.previousRole() + " → " + change.role();
            case REMOVED -> change.email() + " (was " + change.previousRole() + ")";
        };
        audit.record(change.projectId(), action, MEMBER, change.userId(), detail);
    }

    @EventListener
    void on(PersonalApiKeyChanged change) {
        String action = change.change() == PersonalApiKeyChanged.Change.CREATED ? AuditLog.API_KEY_CREATED : AuditLog.API_KEY_REVOKED;
        projects.projectsOf(change.userId()).forEach(access ->
                audit.record(access.project().getId(), action, PERSONAL_API_KEY, change.keyId(), change.label()));
    }
}
