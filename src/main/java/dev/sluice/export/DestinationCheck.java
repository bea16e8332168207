package dev.sluice.export;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationConfigs;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.Destinations;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a destination's connection test for a stored export or a draft. Whatever goes wrong becomes
 * a failed step with a sentence, never an error response: the caller asked whether it works.
 */
@Component
class DestinationCheck {

    private static final Logger log = LoggerFactory.getLogger(DestinationCheck.class);

    private final ExportService exports;
    private final DestinationConfigs configs;
    private final Destinations destinations;

    DestinationCheck(ExportService exports, DestinationConfigs configs, Destinations destinations) {
        this.exports = exports;
        this.configs = configs;
        this.destinations = destinations;
    }

    /** One step of the answer: {@code result} is {@code passed} or {@code failed}. */
    record Step(String name, String result, String message) {

        static Step of(ConnectionStep s) {
            return new Step(s.name(), s.passed() ? "passed" : "failed", s.message());
        }
    }

    record Steps(List<Step> steps) {
    }

    Steps stored(BatchExport export) {
        return run(export.getDestination().getType(), configs.decrypt(export.getDestination()));
    }

    /** Validates the draft like a create would (a 400 when invalid), then tests its destination. */
    Steps draft(ExportDraft draft) {
        exports.check(draft);
        DestinationType type = DestinationType.fromApiValue(draft.destinationType()).orElseThrow();
        return run(type, draft.destinationConfig() == null ? Map.of() : draft.destinationConfig());
    }

    Steps run(DestinationType type, Map<String, Object> config) {
        String stepName = "Connect to the " + type.apiValue() + " destination";
        try {
            return new Steps(destinations.forType(type).testConnection(config).stream().map(Step::of).toList());
        } catch (DestinationUserException e) {
            return new Steps(List.of(new Step(stepName, "failed", e.getMessage())));
        } catch (RuntimeException e) {
            log.warn("Connection test of a {} destination failed unexpectedly: {}", type.apiValue(), e.getClass().getName());
            return new Steps(List.of(new Step(stepName, "failed",
                    "The check failed unexpectedly (" + e.getClass().getSimpleName() + "); see the server log.")));
        }
    }
}
