package dev.sluice.project;

import dev.sluice.common.Ids;
import dev.sluice.common.NotFoundException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Projects and who may do what in them. */
@Service
public class ProjectService {

    private final ProjectRepository projects;
    private final MembershipRepository memberships;
    private final Clock clock;

    public ProjectService(ProjectRepository projects, MembershipRepository memberships, Clock clock) {
        this.projects = projects;
        this.memberships = memberships;
        this.clock = clock;
    }

    /** A project the user belongs to, with the user's role in it. */
    public record ProjectAccess(Project project, ProjectRole role) {
    }

    @Transactional(readOnly = true)
    public List<ProjectAccess> projectsOf(UUID userId) {
        return memberships.findByUserId(userId).stream()
                .flatMap(m -> projects.findById(m.getProjectId()).map(p -> new ProjectAccess(p, m.getRole())).stream())
                .sorted(Comparator.comparing(a -> a.project().getCreatedAt()))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<ProjectRole> roleOf(UUID userId, UUID projectId) {
        return memberships.findByProjectIdAndUserId(projectId, userId).map(Membership::getRole);
    }

    @Transactional(readOnly = true)
    public Optional<Project> byCaptureToken(String apiToken) {
        return projects.findByApiToken(apiToken);
    }

    @Transactional(readOnly = true)
    public Project get(UUID projectId) {
        return projects.findById(projectId).orElseThrow(() -> new NotFoundException("Project " + projectId + " was not found."));
    }

    /** Creates a project with {@code creator} as its ADMIN. */
    @Transactional
    public Project create(String name, UUID creator) {
        Project project = projects.save(new Project(Ids.newId(), name, Ids.token("phc_", 20), clock.instant()));
        memberships.save(new Membership(Ids.newId(), project.getId(), creator, ProjectRole.ADMIN, clock.instant()));
        return project;
    }

    /** Adds a member, or changes the role of an existing one. */
    @Transactional
    public Membership setMember(UUID projectId, UUID userId, ProjectRole role) {
        get(projectId);
        Optional<Membership> existing = memberships.findByProjectIdAndUserId(projectId, userId);
        if (existing.isPresent()) {
            existing.get().setRole(role);
            return existing.get();
        }
        return memberships.save(new Membership(Ids.newId(), projectId, userId, role, clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<Membership> members(UUID projectId) {
        return memberships.findByProjectId(projectId);
    }

    @Transactional(readOnly = true)
    public long count() {
        return projects.count();
    }
}
