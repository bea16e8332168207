package dev.sluice.project;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.Results;
import dev.sluice.security.AppUser;
import dev.sluice.security.CurrentUser;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Projects the caller belongs to, and their members. */
@RestController
@RequestMapping("/api/projects")
class ProjectController {

    private final ProjectService projects;
    private final ProjectMembers members;
    private final ProjectPermissions permissions;
    private final CurrentUser currentUser;

    ProjectController(ProjectService projects, ProjectMembers members, ProjectPermissions permissions, CurrentUser currentUser) {
        this.projects = projects;
        this.members = members;
        this.permissions = permissions;
        this.currentUser = currentUser;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProjectResponse(UUID id, String name, String apiToken, ProjectRole role, Instant createdAt) {

        static ProjectResponse of(Project p, ProjectRole role) {
            return new ProjectResponse(p.getId(), p.getName(), p.getApiToken(), role, p.getCreatedAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateProjectRequest(String name) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberRequest(String email, String password, ProjectRole role) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record MemberResponse(UUID id, UUID userId, String email, ProjectRole role, boolean userCreated, Instant createdAt) {

        static MemberResponse of(ProjectMember m) {
            return new MemberResponse(m.id(), m.userId(), m.email(), m.role(), false, m.createdAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RoleRequest(ProjectRole role) {
    }

    @GetMapping
    Results<ProjectResponse> list() {
        AppUser user = currentUser.require();
        return new Results<>(projects.projectsOf(user.getId()).stream()
                .map(a -> ProjectResponse.of(a.project(), a.role())).toList());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ProjectResponse create(@RequestBody CreateProjectRequest request) {
        AppUser user = permissions.requireProjectCreator();
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty()) {
            throw new BadRequestException("name", "name is required.");
        }
        if (name.length() > 200) {
            throw new BadRequestException("name", "name must be at most 200 characters.");
        }
        return ProjectResponse.of(projects.create(name, user.getId()), ProjectRole.ADMIN);
    }

    @GetMapping("/{projectId}")
    ProjectResponse get(@PathVariable UUID projectId) {
        ProjectRole role = permissions.requireViewer(projectId);
        return ProjectResponse.of(projects.get(projectId), role);
    }

    @PostMapping("/{projectId}/members")
    @ResponseStatus(HttpStatus.CREATED)
    MemberResponse addMember(@PathVariable UUID projectId, @RequestBody MemberRequest request) {
        ProjectMembers.Added added = members.add(projectId, request.email(), request.password(), request.role());
        Membership m = added.membership();
        return new MemberResponse(m.getId(), m.getUserId(), added.user().getEmail(), m.getRole(), added.userCreated(), m.getCreatedAt());
    }

    @GetMapping("/{projectId}/members")
    Results<MemberResponse> members(@PathVariable UUID projectId) {
        return new Results<>(members.list(projectId).stream().map(MemberResponse::of).toList());
    }

    @PatchMapping("/{projectId}/members/{memberId}")
    MemberResponse changeRole(@PathVariable UUID projectId, @PathVariable UUID memberId, @RequestBody RoleRequest request) {
        return MemberResponse.of(members.changeRole(projectId, memberId, request.role()));
    }

    @DeleteMapping("/{projectId}/members/{memberId}")
    ResponseEntity<Void> removeMember(@PathVariable UUID projectId, @PathVariable UUID memberId) {
        members.remove(projectId, memberId);
        return ResponseEntity.noContent().build();
    }
}
