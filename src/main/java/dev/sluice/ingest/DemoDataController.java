package dev.sluice.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.BadRequestException;
import dev.sluice.project.ProjectPermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fills a project's event store with deterministic synthetic events, for demos and for tests of
 * backfills. Repeating a request inserts nothing new: the events' uuids are the same each time.
 */
@RestController
class DemoDataController {

    static final int MAX_EVENTS_PER_HOUR = 100_000;
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final long MAX_EVENTS = 1_000_000;
    static final int CHUNK = 5_000;

    private final ProjectPermissions permissions;
    private final EventStore store;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    DemoDataController(ProjectPermissions permissions, EventStore store, TransactionTemplate transactions, ObjectMapper json) {
        this.permissions = permissions;
        this.store = store;
        this.transactions = transactions;
        this.json = json;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DemoDataRequest(Instant startAt, Instant endAt, Integer eventsPerHour, Long seed) {
    }

    /**
     * {@code inserted} counts new rows; {@code generated} all events of the request, new or already
     * stored; {@code persons} the persons the new events created or changed (and not merged away).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DemoDataResponse(long inserted, long persons, long generated, Instant startAt, Instant endAt) {
    }

    @PostMapping("/api/projects/{projectId}/demo_data")
    @ResponseStatus(HttpStatus.CREATED)
    DemoDataResponse create(@PathVariable UUID projectId, @RequestBody DemoDataRequest request) {
        permissions.requireEditor(projectId);
        DemoData demo = validate(projectId, request);
        long[] inserted = new long[1];
        Set<UUID> persons = new HashSet<>();
        transactions.executeWithoutResult(status -> {
            for (long from = 0; from < demo.count(); from += CHUNK) {
                StoredEvents stored = store.insert(projectId, demo.rows(from, Math.min(demo.count(), from + CHUNK), json));
                inserted[0] += stored.inserted();
                persons.removeAll(stored.persons().removed());
                persons.addAll(stored.persons().changed());
            }
        });
        return new DemoDataResponse(inserted[0], persons.size(), demo.count(), request.startAt(), request.endAt());
    }

    private static DemoData validate(UUID projectId, DemoDataRequest r) {
        if (r.startAt() == null) {
            throw new BadRequestException("start_at", "start_at is required.");
        }
        if (r.endAt() == null) {
            throw new BadRequestException("end_at", "end_at is required.");
        }
        if (!r.endAt().isAfter(r.startAt())) {
            throw new BadRequestException("end_at", "end_at must be after start_at.");
        }
        if (Duration.between(r.startAt(), r.endAt()).compareTo(MAX_SPAN) > 0) {
            throw new BadRequestException("end_at", "The range from start_at to end_at must be at most " + MAX_SPAN.toDays() + " days.");
        }
        if (r.eventsPerHour() == null) {
            throw new BadRequestException("events_per_hour", "events_per_hour is required.");
        }
        if (r.eventsPerHour() < 1 || r.eventsPerHour() > MAX_EVENTS_PER_HOUR) {
            throw new BadRequestException("events_per_hour", "events_per_hour must be between 1 and " + MAX_EVENTS_PER_HOUR + ".");
        }
        DemoData demo = new DemoData(projectId, r.startAt(), r.endAt(), r.eventsPerHour(), r.seed() == null ? 0 : r.seed());
        if (demo.count() == 0) {
            throw new BadRequestException("events_per_hour",
                    "events_per_hour × the range's hours is less than one event; widen the range or raise events_per_hour.");
        }
        if (demo.count() > MAX_EVENTS) {
            throw new BadRequestException("events_per_hour", "This request would create " + demo.count() + " events; at most "
                    + MAX_EVENTS + " are allowed per request, so lower events_per_hour or split the range.");
        }
        return demo;
    }
}
