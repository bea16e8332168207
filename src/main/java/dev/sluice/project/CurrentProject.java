package dev.sluice.project;

import dev.sluice.common.NotFoundException;
import dev.sluice.project.ProjectService.ProjectAccess;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import com.vaadin.flow.spring.annotation.VaadinSessionScope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The project a signed-in user is looking at in the UI: the one picked in the project switcher, or
 * else the user's oldest project. One per Vaadin session; every read re-checks the membership, so a
 * user removed from a project stops seeing it at once.
 */
@Component
@VaadinSessionScope
public class CurrentProject {

    private final ProjectService projects;
    private final UserService users;
    private UUID selected;

    CurrentProject(ProjectService projects, UserService users) {
        this.projects = projects;
        this.users = users;
    }

    /** The projects the signed-in user may switch to, oldest first. */
    public List<ProjectAccess> choices() {
        return signedInUser().map(user -> projects.projectsOf(user.getId())).orElse(List.of());
    }

    /** The selected project if the user still belongs to it, else their oldest; empty without any. */
    public Optional<ProjectAccess> get() {
        List<ProjectAccess> mine = choices();
        return mine.stream().filter(access -> access.project().getId().equals(selected)).findFirst()
                .or(() -> mine.stream().findFirst());
    }

    /** Switches to a project of the signed-in user; any other id is {@link NotFoundException}. */
    public void select(UUID projectId) {
        if (choices().stream().noneMatch(access -> access.project().getId().equals(projectId))) {
            throw new NotFoundException("Project " + projectId + " was not found.");
        }
        selected = projectId;
    }

    private Optional<AppUser> signedInUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        return users.byEmail(authentication.getName());
    }
}
