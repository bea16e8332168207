package dev.sluice.project;

import com.vaadin.flow.router.BeforeEnterEvent;
import dev.sluice.common.Toasts;
import dev.sluice.project.ProjectService.ProjectAccess;
import java.util.Optional;

/** The door of a page for project ADMINs: others are told why and sent to the exports list. */
public final class AdminOnly {

    private AdminOnly() {
    }

    /** The current project if the signed-in user is its ADMIN; otherwise empty, with the visitor forwarded. */
    public static Optional<Project> enter(CurrentProject currentProject, BeforeEnterEvent event, String page) {
        Optional<ProjectAccess> access = currentProject.get();
        if (access.isPresent() && access.get().role() == ProjectRole.ADMIN) {
            return Optional.of(access.get().project());
        }
        Toasts.error(new IllegalStateException(page + " is for the project's ADMINs"
                + access.map(a -> "; you are " + a.role() + " in " + a.project().getName()).orElse("") + "."));
        event.forwardTo("");
        return Optional.empty();
    }
}
