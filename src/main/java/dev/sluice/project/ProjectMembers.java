package dev.sluice.project;

import dev.sluice.common.BadRequestException;
import dev.sluice.common.ConflictException;
import dev.sluice.common.NotFoundException;
import dev.sluice.project.MembershipChanged.Change;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A project's members, managed by its ADMINs through the API and the UI alike: every method checks
 * the caller's role first. A project always keeps at least one ADMIN. Each change publishes a
 * {@link MembershipChanged} in its transaction.
 */
@Service
public class ProjectMembers {

    private final ProjectService projects;
    private final ProjectRepository projectRows;
    private final MembershipRepository memberships;
    private final ProjectPermissions permissions;
    private final UserService users;
    private final ApplicationEventPublisher events;

    public ProjectMembers(ProjectService projects, ProjectRepository projectRows, MembershipRepository memberships,
                          ProjectPermissions permissions, UserService users, ApplicationEventPublisher events) {
        this.projects = projects;
        this.projectRows = projectRows;
        this.memberships = memberships;
        this.permissions = permissions;
        this.users = users;
        this.events = events;
    }

    /** A member and whether their user was created by this call. */
    public record Added(Membership membership, AppUser user, boolean userCreated) {
    }

    /** The project's members, ADMINs first, then by email. */
    @Transactional(readOnly = true)
    public List<ProjectMember> list(UUID projectId) {
        permissions.requireAdmin(projectId);
        return memberships.findByProjectId(projectId).stream()
                .map(this::member)
                .sorted(Comparator.comparing(ProjectMember::role).thenComparing(ProjectMember::email))
                .toList();
    }

    /**
     * Gives {@code email} the role in the project. A new user needs a password; for an existing user
     * a password is ignored, so a project admin cannot change another person's password.
     */
    @Transactional
    public Added add(UUID projectId, String email, String password, ProjectRole role) {
        permissions.requireAdmin(projectId);
        if (email == null || email.isBlank()) {
            throw new BadRequestException("email", "email is required.");
        }
        if (role == null) {
            throw new BadRequestException("role", "role is required: ADMIN, EDITOR or VIEWER.");
        }
        lockMemberships(projectId);
        AppUser user = users.byEmail(email.trim()).orElse(null);
        boolean created = false;
        if (user == null) {
            if (password == null || password.isEmpty()) {
                throw new BadRequestException("password", "password is required to create the new user " + email.trim() + ".");
            }
            user = users.create(email.trim(), password, false);
            created = true;
        }
        Membership existing = memberships.findByProjectIdAndUserId(projectId, user.getId()).orElse(null);
        if (existing != null) {
            setRole(existing, user.getEmail(), role);
            return new Added(existing, user, false);
        }
        Membership membership = projects.setMember(projectId, user.getId(), role);
        events.publishEvent(new MembershipChanged(projectId, user.getId(), user.getEmail(), Change.ADDED, null, role));
        return new Added(membership, user, created);
    }

    /** Changes a member's role; the last ADMIN cannot be demoted. */
    @Transactional
    public ProjectMember changeRole(UUID projectId, UUID membershipId, ProjectRole role) {
        permissions.requireAdmin(projectId);
        if (role == null) {
            throw new BadRequestException("role", "role is required: ADMIN, EDITOR or VIEWER.");
        }
        lockMemberships(projectId);
        Membership membership = find(projectId, membershipId);
        setRole(membership, users.get(membership.getUserId()).getEmail(), role);
        return member(membership);
    }

    /** Removes a member from the project (their user stays); the last ADMIN cannot be removed. */
    @Transactional
    public ProjectMember remove(UUID projectId, UUID membershipId) {
        permissions.requireAdmin(projectId);
        lockMemberships(projectId);
        Membership membership = find(projectId, membershipId);
        ProjectMember member = member(membership);
        if (membership.getRole() == ProjectRole.ADMIN && adminCount(projectId) == 1) {
            throw new ConflictException("The project's last ADMIN (" + member.email() + ") cannot be removed; "
                    + "make another member ADMIN first.");
        }
        memberships.delete(membership);
        events.publishEvent(new MembershipChanged(projectId, member.userId(), member.email(), Change.REMOVED, member.role(), null));
        return member;
    }

    private void setRole(Membership membership, String email, ProjectRole role) {
        ProjectRole previous = membership.getRole();
        if (previous == role) {
            return;
        }
        if (previous == ProjectRole.ADMIN && adminCount(membership.getProjectId()) == 1) {
            throw new ConflictException("The project's last ADMIN (" + email + ") must stay ADMIN; "
                    + "make another member ADMIN first.");
        }
        membership.setRole(role);
        events.publishEvent(new MembershipChanged(membership.getProjectId(), membership.getUserId(), email, Change.ROLE_CHANGED,
                previous, role));
    }

    /** Serialises membership changes of one project, so two ADMINs cannot demote each other at once. */
    private void lockMemberships(UUID projectId) {
        projectRows.findLockedById(projectId).orElseThrow(() -> new NotFoundException("Project " + projectId + " was not found."));
    }

    private long adminCount(UUID projectId) {
        return memberships.findByProjectId(projectId).stream().filter(m -> m.getRole() == ProjectRole.ADMIN).count();
    }

    private Membership find(UUID projectId, UUID membershipId) {
        return memberships.findById(membershipId).filter(m -> m.getProjectId().equals(projectId))
                .orElseThrow(() -> new NotFoundException("Member " + membershipId + " was not found."));
    }

    private ProjectMember member(Membership m) {
        return new ProjectMember(m.getId(), m.getUserId(), users.get(m.getUserId()).getEmail(), m.getRole(), m.getCreatedAt());
    }
}
