package dev.sluice.destination;

import dev.sluice.source.RecordBatchStream;
import java.util.List;
import java.util.Map;

/**
 * A place exports write to. Implementations are Spring beans, one per {@link DestinationType}.
 * {@link #write} must be idempotent per interval: writing the same interval again replaces its output.
 */
public interface Destination {

    DestinationType type();

    /** Checks a config against the real destination in named steps, writing nothing lasting. */
    List<ConnectionStep> testConnection(Map<String, Object> config);

    /**
     * Writes the rows of {@code request.interval()}, resuming after {@code request.resumeFrom()}.
     * Throws {@link DestinationUserException} for errors only the user can fix (never retried) and
     * any other exception for errors worth retrying.
     */
    ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress);
}
