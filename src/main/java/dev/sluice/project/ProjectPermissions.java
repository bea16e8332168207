package dev.sluice.project;

import dev.sluice.common.NotFoundException;
import dev.sluice.common.PermissionDeniedException;
import dev.sluice.security.AppUser;
import dev.sluice.security.CurrentUser;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The one place that decides what the signed-in user may do in a project: members with a role at
 * least the one required may act; lower roles get a 403; non-members get a 404, so a project's
 * existence is never revealed to outsiders. Used by the REST API and the UI alike.
 */
@Component
public class ProjectPermissions {

    private final CurrentUser currentUser;
    private final ProjectService projects;

    public ProjectPermissions(CurrentUser currentUser, ProjectService projects) {
        this.currentUser = currentUser;
        this.projects = projects;
    }

    /** The caller's role in the project, at least {@code required}; otherwise a 404 or 403. */
    public ProjectRole require(UUID projectId, ProjectRole required) {
        AppUser user = currentUser.require();
        ProjectRole role = projects.roleOf(user.getId(), projectId)
                .orElseThrow(() -> new NotFoundException("Project " + projectId + " was not found."));
        if (!role.atLeast(required)) {
            throw new PermissionDeniedException("This needs the " + required + " role in the project; you are " + role + ".");
        }
        return role;
    }

    /** Reading needs any membership. */
    public ProjectRole requireViewer(UUID projectId) {
        return require(projectId, ProjectRole.VIEWER);
    }

    /** Creating, editing, pausing and deleting exports, backfills, retries and demo data. */
    public ProjectRole requireEditor(UUID projectId) {
        return require(projectId, ProjectRole.EDITOR);
    }

    /** Managing members. */
    public ProjectRole requireAdmin(UUID projectId) {
        return require(projectId, ProjectRole.ADMIN);
    }

    /** Instance admins and ADMINs of any project may create projects. */
    public AppUser requireProjectCreator() {
        AppUser user = currentUser.require();
        boolean allowed = user.isInstanceAdmin()
                || projects.projectsOf(user.getId()).stream().anyMatch(a -> a.role() == ProjectRole.ADMIN);
        if (!allowed) {
            throw new PermissionDeniedException("Only instance admins and project ADMINs may create projects.");
        }
        return user;
    }
}
