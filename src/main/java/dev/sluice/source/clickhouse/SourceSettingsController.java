package dev.sluice.source.clickhouse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.common.BadRequestException;
import dev.sluice.project.ProjectPermissions;
import java.net.URI;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a project's exports read from: {@code {"type": "Postgres"}} (the built-in event store, the
 * default) or {@code {"type": "ClickHouse", "url", "database", "user", "password", "team_id"}}. The
 * password is write-only: responses say only {@code has_password}; a PUT without one keeps it.
 */
@RestController
class SourceSettingsController {

    static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final ProjectPermissions permissions;
    private final ClickHouseSources sources;

    SourceSettingsController(ProjectPermissions permissions, ClickHouseSources sources) {
        this.permissions = permissions;
        this.sources = sources;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SourceSettings(String type, String url, String database, String user, String password,
                          @JsonProperty("team_id") Long teamId, @JsonProperty("has_password") Boolean hasPassword) {
    }

    @GetMapping("/api/projects/{projectId}/source")
    SourceSettings get(@PathVariable UUID projectId) {
        permissions.requireViewer(projectId);
        return view(projectId);
    }

    @PutMapping("/api/projects/{projectId}/source")
    SourceSettings put(@PathVariable UUID projectId, @RequestBody SourceSettings body) {
        permissions.requireAdmin(projectId);
        if (body == null || body.type() == null) {
            throw new BadRequestException("type", "type is required: Postgres or ClickHouse.");
        }
        switch (body.type()) {
            case "Postgres" -> sources.remove(projectId);
            case "ClickHouse" -> sources.save(projectId, validate(body));
            default -> throw new BadRequestException("type", "type must be Postgres or ClickHouse.");
        }
        return view(projectId);
    }

    private SourceSettings view(UUID projectId) {
        return sources.settings(projectId)
                .map(s -> new SourceSettings("ClickHouse", s.connection().url(), s.connection().database(), s.connection().user(),
                        null, s.connection().teamId(), s.connection().password() != null && !s.connection().password().isEmpty()))
                .orElse(new SourceSettings("Postgres", null, null, null, null, null, null));
    }

    private static ClickHouseConnection validate(SourceSettings body) {
        if (body.url() == null || body.url().isBlank()) {
            throw new BadRequestException("url", "url is required: the ClickHouse HTTP endpoint, such as http://clickhouse:8123.");
        }
        try {
            URI uri = URI.create(body.url().trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("url", "url must be an http or https URL, such as http://clickhouse:8123.");
        }
        String database = body.database() == null || body.database().isBlank() ? "default" : body.database();
        if (!DATABASE.matcher(database).matches()) {
            throw new BadRequestException("database", "database must be a ClickHouse database name: letters, digits and underscores.");
        }
        if (body.teamId() != null && body.teamId() < 0) {
            throw new BadRequestException("team_id", "team_id must be a PostHog team id, zero or more.");
        }
        String user = body.user() == null || body.user().isBlank() ? "default" : body.user();
        return new ClickHouseConnection(body.url().trim(), database, user, body.password(), body.teamId());
    }
}
