package dev.sluice.ingest;

import dev.sluice.common.ApiError;
import dev.sluice.project.Project;
import dev.sluice.project.ProjectService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * PostHog-style event capture into the built-in event store. Open to anyone: a request
 * authenticates with its project's {@code api_token} as {@code api_key}. A batch is stored whole or
 * not at all; {@code inserted_at} is the server's time.
 */
@RestController
class CaptureController {

    private final CaptureParser parser;
    private final ProjectService projects;
    private final EventStore store;
    private final Clock clock;

    CaptureController(CaptureParser parser, ProjectService projects, EventStore store, Clock clock) {
        this.parser = parser;
        this.projects = projects;
        this.store = store;
        this.clock = clock;
    }

    /** Any content type is read as JSON: browser SDKs post with text/plain to avoid CORS preflights. */
    @PostMapping("/batch")
    ResponseEntity<Object> batch(HttpServletRequest request) throws IOException {
        return store(parser.batch(request.getInputStream(), clock.instant()));
    }

    @PostMapping("/capture")
    ResponseEntity<Object> capture(HttpServletRequest request) throws IOException {
        return store(parser.single(request.getInputStream(), clock.instant()));
    }

    private ResponseEntity<Object> store(CaptureParser.Parsed parsed) {
        if (parsed.apiKey() == null || parsed.apiKey().isBlank()) {
            return unauthorized("api_key is required: the api_token of the project the events belong to.");
        }
        Optional<Project> project = projects.byCaptureToken(parsed.apiKey().trim());
        if (project.isEmpty()) {
            return unauthorized("api_key is not the api_token of any project.");
        }
        if (parsed.error() != null) {
            throw parsed.error();
        }
        store.insert(project.get().getId(), parsed.rows());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of("status", 1));
    }

    private static ResponseEntity<Object> unauthorized(String detail) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(HttpStatus.UNAUTHORIZED, detail, "api_key"));
    }
}
