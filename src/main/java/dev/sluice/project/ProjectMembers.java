package dev.sluice.project;

import dev.sluice.common.BadRequestException;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Adds people to projects, creating their user when they are new. */
@Service
public class ProjectMembers {

    private final ProjectService projects;
    private final UserService users;

    public ProjectMembers(ProjectService projects, UserService users) {
        this.projects = projects;
        this.users = users;
    }

    /** A member and whether their user was created by this call. */
    public record Added(Membership membership, AppUser user, boolean userCreated) {
    }

    /**
     * Gives {@code email} the role in the project. A new user needs a password; for an existing user
     * a password is ignored, so a project admin cannot change another person's password.
     */
    @Transactional
    public Added add(UUID projectId, String email, String password, ProjectRole role) {
        if (email == null || email.isBlank()) {
            throw new BadRequestException("email", "email is required.");
        }
        if (role == null) {
            throw new BadRequestException("role", "role is required: ADMIN, EDITOR or VIEWER.");
        }
        AppUser user = users.byEmail(email.trim()).orElse(null);
        boolean created = false;
        if (user == null) {
            if (password == null || password.isEmpty()) {
                throw new BadRequestException("password", "password is required to create the new user " + email.trim() + ".");
            }
            user = users.create(email.trim(), password, false);
            created = true;
        }
        return new Added(projects.setMember(projectId, user.getId(), role), user, created);
    }
}
