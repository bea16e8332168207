package dev.sluice.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.UUID;

/** One alert, as the webhook receives it (snake_case JSON) and the email tells it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record Alert(
        @JsonProperty("event") String event,
        UUID projectId,
        UUID exportId,
        String exportName,
        UUID runId,
        String runStatus,
        Instant dataIntervalStart,
        Instant dataIntervalEnd,
        String message,
        Instant occurredAt) {

    static Alert of(AlertKind kind, WatchedRun run, String message, Instant now) {
        return new Alert(kind.apiValue(), run.projectId(), run.finished().exportId(), run.exportName(), run.finished().runId(),
                run.finished().status().name(), run.finished().intervalStart(), run.finished().intervalEnd(), message, now);
    }

    String subject() {
        return "Sluice: export \"" + exportName + "\" " + headlineOf(event);
    }

    private static String headlineOf(String event) {
        for (AlertKind kind : AlertKind.values()) {
            if (kind.apiValue().equals(event)) {
                return kind.headline();
            }
        }
        return event;
    }
}
