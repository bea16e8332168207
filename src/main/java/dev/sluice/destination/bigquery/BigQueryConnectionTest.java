package dev.sluice.destination.bigquery;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationUserException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The connection test in three steps: get an access token for the service account, find the
 * dataset, and create and delete a probe table in it (which expires by itself after an hour should
 * the delete fail). Each step passes or fails with a sentence; steps after a failed one are not run.
 */
final class BigQueryConnectionTest {

    static final String AUTHENTICATE = "Authenticate";
    static final String DATASET = "Dataset exists";
    static final String TABLE = "Can create and delete a table";
    private static final List<String> STEP_NAMES = List.of(AUTHENTICATE, DATASET, TABLE);

    private final BigQueryService service;
    private final Clock clock;

    BigQueryConnectionTest(BigQueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    List<ConnectionStep> run(Map<String, Object> raw) {
        List<ConnectionStep> steps = new ArrayList<>();
        BigQueryConfig config;
        ServiceAccountCredentials credentials;
        try {
            config = BigQueryConfig.parse(raw);
            credentials = BigQueryCredentials.of(config);
        } catch (DestinationUserException e) {
            return failedFrom(steps, e.getMessage());
        }
        try {
            credentials.refresh();
        } catch (IOException e) {
            RuntimeException translated = BigQueryErrors.translate(new IllegalStateException(e), config);
            return failedFrom(steps, translated.getMessage());
        }
        steps.add(new ConnectionStep(AUTHENTICATE, true, "Signed in to Google as " + config.clientEmail() + "."));
        try {
            BigQuery bigquery = service.open(config, credentials);
            IntervalLoad load = new IntervalLoad(bigquery, service, config, clock);
            String location = load.datasetLocation();
            steps.add(new ConnectionStep(DATASET, true, "The dataset " + config.dataset() + " exists"
                    + (location == null ? "." : " in " + location + ".")));
            TableId probe = TableId.of(config.projectId(), config.datasetId(), "sluice_connection_test_" + UUID.randomUUID().toString().substring(0, 8));
            bigquery.create(TableInfo.newBuilder(probe, StandardTableDefinition.of(Schema.of(Field.of("id", StandardSQLTypeName.STRING))))
                    .setExpirationTime(clock.millis() + Duration.ofHours(1).toMillis()).build());
            if (!bigquery.delete(probe)) {
                return failedFrom(steps, "Created the table " + probe.getTable() + " but could not find it again to delete it.");
            }
            steps.add(new ConnectionStep(TABLE, true, "Created and deleted the table " + probe.getTable() + " in " + config.dataset() + "."));
            return steps;
        } catch (RuntimeException e) {
            return failedFrom(steps, BigQueryErrors.translate(e, config).getMessage());
        }
    }

    private static List<ConnectionStep> failedFrom(List<ConnectionStep> steps, String message) {
        steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, message));
        while (steps.size() < STEP_NAMES.size()) {
            steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, "Not run because an earlier step failed."));
        }
        return steps;
    }
}
