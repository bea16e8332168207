package dev.sluice.destination.bigquery;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.sluice.destination.bigquery.BigQueryContract.ACCESS_TOKEN;
import static dev.sluice.destination.bigquery.BigQueryContract.CLIENT_EMAIL;
import static dev.sluice.destination.bigquery.BigQueryContract.DATASET;
import static dev.sluice.destination.bigquery.BigQueryContract.LOCATION;
import static dev.sluice.destination.bigquery.BigQueryContract.PRIVATE_KEY;
import static dev.sluice.destination.bigquery.BigQueryContract.PRIVATE_KEY_ID;
import static dev.sluice.destination.bigquery.BigQueryContract.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.sluice.common.DataInterval;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.Cursor;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.TestEventStore;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real google-cloud-bigquery client, driven by the BigQuery destination, against BigQuery's REST
 * contract served by WireMock ({@link BigQueryContract}), fed by the real Postgres event source.
 * What BigQuery itself would do with the MERGE is not observable here; see {@link BigQuerySqlTest}.
 */
class BigQueryRestContractTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, START.plusSeconds(3600));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLES = "/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables";
    private static final String JOBS = "/bigquery/v2/projects/" + PROJECT + "/jobs";

    private static TestEventStore store;
    private BigQueryContract bigquery;
    private BigQueryDestination destination;
    private final String table = "events_" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path temp;

    @BeforeAll
    static void startStore() {
        store = TestEventStore.start();
    }

    @AfterAll
    static void stopStore() throws IOException {
        store.close();
    }

    @BeforeEach
    void startBigQuery() {
        bigquery = new BigQueryContract();
        bigquery.happyPath(table);
        destination = bigquery.destination();
    }

    @AfterEach
    void stopBigQuery() {
        bigquery.close();
    }

    @Test
    void anIntervalGoesTokenDatasetTablesUploadLoadMergeAndDropInThatOrder() throws Exception {
        UUID project = store.newProject();
        UUID first = store.event(project, "$pageview", START.plusSeconds(10), "{\"$browser\": \"Firefox\", \"n\": 1}");
        UUID second = store.event(project, "signup", START.plusSeconds(20), "{}");
        store.event(project, "next hour", INTERVAL.end().plusSeconds(5), "{}");
        UUID run = UUID.randomUUID();

        ExportOutcome outcome = write(project, ExportModel.EVENTS, bigquery.config(table, true), run);

        assertThat(outcome.records()).isEqualTo(2);
        String stage = BigQuerySql.stageTableName(table, INTERVAL.end(), run);
        String tables = "/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables";
        String jobs = "/bigquery/v2/projects/" + PROJECT + "/jobs";
        assertThat(calls()).containsExactly(
                "POST /token",
                "GET /bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET,
                "GET " + tables + "/" + table,
                "POST " + tables,
                "POST " + tables,
                "POST /upload/bigquery/v2/projects/" + PROJECT + "/jobs?uploadType=resumable",
                "PUT /upload/session/sluice_load_*",
                "GET " + jobs + "/sluice_load_*",
                "POST " + jobs,
                "GET /bigquery/v2/projects/" + PROJECT + "/queries/sluice_merge_*",
                "GET " + jobs + "/sluice_merge_*",
                "DELETE " + tables + "/" + stage);

        List<LoggedRequest> requests = bigquery.requests().stream().map(ServeEvent::getRequest).toList();
        assertThat(requests.subList(1, requests.size())).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + ACCESS_TOKEN));

        JsonNode target = body(requests.get(3));
        assertThat(target.at("/tableReference/tableId").asText()).isEqualTo(table);
        assertThat(fieldTypes(target)).containsEntry("uuid", "STRING REQUIRED").containsEntry("properties", "JSON NULLABLE")
                .containsEntry("timestamp", "TIMESTAMP NULLABLE").containsEntry("event", "STRING NULLABLE");
        JsonNode staging = body(requests.get(4));
        assertThat(staging.at("/tableReference/tableId").asText()).isEqualTo(stage);
        assertThat(fieldTypes(staging)).containsEntry("uuid", "STRING NULLABLE").containsEntry("properties", "STRING NULLABLE");
        assertThat(staging.at("/expirationTime").asLong()).isGreaterThan(System.currentTimeMillis());

        JsonNode load = body(requests.get(5));
        assertThat(load.at("/jobReference/location").asText()).isEqualTo(LOCATION);
        assertThat(load.at("/configuration/load/sourceFormat").asText()).isEqualTo("PARQUET");
        assertThat(load.at("/configuration/load/destinationTable/tableId").asText()).isEqualTo(stage);
        assertThat(load.at("/configuration/load/writeDisposition").asText()).isEqualTo("WRITE_APPEND");
        assertThat(load.at("/configuration/load/createDisposition").asText()).isEqualTo("CREATE_NEVER");

        LoggedRequest upload = requests.get(6);
        assertThat(upload.getHeader("Content-Range")).isEqualTo("bytes 0-" + (upload.getBody().length - 1) + "/" + upload.getBody().length);
        List<Group> rows = parquetRows(upload.getBody());
        assertThat(rows).extracting(g -> g.getString("uuid", 0)).containsExactlyInAnyOrder(first.toString(), second.toString());
        Group firstRow = rows.stream().filter(g -> g.getString("uuid", 0).equals(first.toString())).findFirst().orElseThrow();
        assertThat(JSON.readTree(firstRow.getString("properties", 0)).get("$browser").asText()).isEqualTo("Firefox");
        assertThat(firstRow.getString("event", 0)).isEqualTo("$pageview");

        JsonNode merge = body(mergeRequest());
        assertThat(merge.at("/jobReference/location").asText()).isEqualTo(LOCATION);
        assertThat(merge.at("/configuration/query/useLegacySql").asBoolean()).isFalse();
        assertThat(merge.at("/configuration/query/query").asText())
                .startsWith("MERGE `" + PROJECT + "." + DATASET + "." + table + "` AS target\nUSING (SELECT * FROM `" + PROJECT + "." + DATASET + "." + stage + "`")
                .contains("ON target.`uuid` = stage.`uuid`")
                .contains("`properties` = PARSE_JSON(stage.`properties`, wide_number_mode => 'round')");
    }

    @Test
    void theAccessTokenIsFetchedWithAJwtSignedForTheServiceAccountAndItsKeyId() throws Exception {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");

        write(project, ExportModel.EVENTS, bigquery.config(table, false), UUID.randomUUID());

        LoggedRequest token = bigquery.requests().get(0).getRequest();
        Map<String, String> form = form(token.getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(PRIVATE_KEY_ID);
        assertThat(claims.get("iss").asText()).isEqualTo(CLIENT_EMAIL);
        assertThat(claims.get("scope").asText()).isEqualTo(BigQueryCredentials.SCOPE);
        String keyBody = PRIVATE_KEY.lines().skip(1).findFirst().orElseThrow();
        assertThat(bigquery.requests()).allSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).doesNotContain(keyBody));
    }

    @Test
    void withoutUseJsonTypePropertiesAreStringsAndTheMergeDoesNotParseThem() throws Exception {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{\"a\": 1}");

        write(project, ExportModel.EVENTS, bigquery.config(table, false), UUID.randomUUID());

        List<LoggedRequest> requests = bigquery.requests().stream().map(ServeEvent::getRequest).toList();
        assertThat(fieldTypes(body(requests.get(3)))).containsEntry("properties", "STRING NULLABLE");
        assertThat(body(mergeRequest()).at("/configuration/query/query").asText()).doesNotContain("PARSE_JSON")
                .contains("`properties` = stage.`properties`");
    }

    @Test
    void personsAreMergedByIdKeepingTheNewerVersion() throws Exception {
        UUID project = store.newProject();
        store.person(project, UUID.randomUUID(), 3, "{\"plan\": \"paid\"}", START, START.plusSeconds(5), "d-1");

        ExportOutcome outcome = write(project, ExportModel.PERSONS, bigquery.config(table, true), UUID.randomUUID());

        assertThat(outcome.records()).isEqualTo(1);
        List<LoggedRequest> requests = bigquery.requests().stream().map(ServeEvent::getRequest).toList();
        assertThat(fieldTypes(body(requests.get(3)))).containsEntry("person_id", "STRING REQUIRED").containsEntry("version", "INTEGER NULLABLE")
                .containsEntry("distinct_ids", "JSON NULLABLE");
        assertThat(body(mergeRequest()).at("/configuration/query/query").asText())
                .contains("PARTITION BY `person_id` ORDER BY `version` DESC")
                .contains("ON target.`person_id` = stage.`person_id`")
                .contains("WHEN MATCHED AND NOT IFNULL(stage.`version` < target.`version`, FALSE) THEN UPDATE SET");
    }

    @Test
    void anExistingTargetIsUsedAsItIsAndAStageLeftByAnEarlierAttemptIsReplaced() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        UUID run = UUID.randomUUID();
        String stage = BigQuerySql.stageTableName(table, INTERVAL.end(), run);
        bigquery.existingTable(table, ExportModel.EVENTS.defaultFields());
        bigquery.server.stubFor(post(urlPathEqualTo("/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables"))
                .inScenario("stage").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("replaced").atPriority(1)
                .willReturn(BigQueryContract.error(409, "duplicate", "Already Exists: Table " + PROJECT + ":" + DATASET + "." + stage)));

        write(project, ExportModel.EVENTS, bigquery.config(table, true), run);

        String tables = "/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables";
        assertThat(calls()).containsSubsequence("GET " + tables + "/" + table, "POST " + tables, "DELETE " + tables + "/" + stage,
                "POST " + tables, "POST /upload/bigquery/v2/projects/" + PROJECT + "/jobs?uploadType=resumable");
        assertThat(calls()).filteredOn(c -> c.equals("POST " + tables)).hasSize(2);
    }

    @Test
    void anExistingTargetWithoutAnExportedColumnIsAUserErrorBeforeAnythingIsUploaded() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        bigquery.existingTable(table, List.of("uuid", "event"));

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("lacks the column(s) distinct_id, person_id, properties, timestamp, inserted_at");
        assertThat(calls()).noneMatch(c -> c.contains("/upload/"));
    }

    @Test
    void anEmptyIntervalCreatesTheTableButUploadsNothing() {
        UUID project = store.newProject();

        ExportOutcome outcome = write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID());

        assertThat(outcome.records()).isZero();
        assertThat(calls()).containsExactly("POST /token", "GET /bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET,
                "GET /bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables/" + table,
                "POST /bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables");
    }

    @Test
    void accessDeniedIsAUserErrorThatNamesTheServiceAccountAndTheRolesItNeeds() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        bigquery.override(get(urlPathEqualTo("/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET)),
                BigQueryContract.error(403, "accessDenied", "Access Denied: Dataset " + PROJECT + ":" + DATASET
                        + ": Permission bigquery.datasets.get denied"));

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("The service account " + CLIENT_EMAIL + " may not do this in BigQuery dataset " + PROJECT + "." + DATASET)
                .hasMessageContaining("BigQuery Data Editor and BigQuery Job User")
                .hasMessageContaining("Permission bigquery.datasets.get denied")
                .hasMessageNotContaining(PRIVATE_KEY_ID)
                .hasNoCause();
    }

    @Test
    void aMissingDatasetIsAUserError() {
        bigquery.override(get(urlPathEqualTo("/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET)),
                BigQueryContract.error(404, "notFound", "Not found: Dataset " + PROJECT + ":" + DATASET));
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The BigQuery dataset " + PROJECT + "." + DATASET + " does not exist (or the service account " + CLIENT_EMAIL
                        + " cannot see it): create it or check project_id and dataset_id.");
    }

    @Test
    void anUnavailableUploadIsRetryableAndTheStageIsKeptForTheNextAttempt() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        bigquery.override(put(urlPathMatching("/upload/session/.+")), BigQueryContract.error(503, "backendError", "Service unavailable"));

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isNotInstanceOf(DestinationUserException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the run will be retried");
        assertThat(calls()).filteredOn(c -> c.equals("POST " + TABLES)).hasSize(2);
        assertThat(calls()).noneMatch(c -> c.startsWith("DELETE "));
        assertThat(calls()).noneMatch(c -> c.equals("POST /bigquery/v2/projects/" + PROJECT + "/jobs"));
    }

    @Test
    void aMergeJobThatFailsAsInvalidIsAUserErrorThatDropsTheStageAndOneThatFailsInTheBackendIsRetryableAndKeepsIt() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        String job = "/bigquery/v2/projects/" + PROJECT + "/jobs/sluice_merge_[0-9a-f]+";
        String results = "/bigquery/v2/projects/" + PROJECT + "/queries/sluice_merge_[0-9a-f]+";
        String invalid = "Query column 2 has type STRING which cannot be inserted into column n, which has type INT64";
        bigquery.override(get(urlPathMatching(results)), BigQueryContract.error(400, "invalidQuery", invalid));
        bigquery.override(get(urlPathMatching(job)), BigQueryContract.templated(BigQueryContract.failedJob("{{request.pathSegments.[4]}}",
                "query", "invalidQuery", invalid)));
        UUID run = UUID.randomUUID();

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), run))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("BigQuery refused to write into " + PROJECT + "." + DATASET + "." + table + " (invalidQuery)")
                .hasMessageContaining("cannot be inserted into column n");
        assertThat(calls()).last().isEqualTo("DELETE " + TABLES + "/" + BigQuerySql.stageTableName(table, INTERVAL.end(), run));

        bigquery.server.resetRequests();
        String backend = "Error encountered during execution. Retrying may solve the problem.";
        bigquery.override(get(urlPathMatching(results)), BigQueryContract.error(400, "backendError", backend));
        bigquery.override(get(urlPathMatching(job)), BigQueryContract.templated(BigQueryContract.failedJob("{{request.pathSegments.[4]}}",
                "query", "backendError", backend)));
        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isNotInstanceOf(DestinationUserException.class)
                .hasMessageContaining("backendError");
        assertThat(calls()).contains("POST " + JOBS).noneMatch(c -> c.startsWith("DELETE "));
    }

    @Test
    void aLoadJobThatFailsInTheBackendIsRetryableAndKeepsTheStage() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        bigquery.override(get(urlPathMatching("/bigquery/v2/projects/" + PROJECT + "/jobs/sluice_load_[0-9a-f]+")),
                BigQueryContract.templated(BigQueryContract.failedJob("{{request.pathSegments.[4]}}", "load", "backendError",
                        "Backend error. Job aborted.")));

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isNotInstanceOf(DestinationUserException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Loading the interval into the staging table")
                .hasMessageContaining("the run will be retried");
        assertThat(calls()).last().asString().startsWith("GET " + JOBS + "/sluice_load_");
    }

    @Test
    void aWriteInSmallChunksAppendsEachByItsOwnLoadJobAndCheckpointsOnceThatJobIsDone() throws Exception {
        UUID project = store.newProject();
        List<UUID> events = List.of(store.event(project, "a", START.plusSeconds(10), "{}"), store.event(project, "b", START.plusSeconds(20), "{}"),
                store.event(project, "c", START.plusSeconds(30), "{}"));
        UUID run = UUID.randomUUID();
        String stage = BigQuerySql.stageTableName(table, INTERVAL.end(), run);
        List<ExportCheckpoint> checkpoints = new ArrayList<>();
        List<String> lastCallBefore = new ArrayList<>();

        ExportOutcome outcome = write(bigquery.destination(1), project, bigquery.config(table, true), run, ExportCheckpoint.start(), checkpoint -> {
            checkpoints.add(checkpoint);
            List<String> calls = calls();
            lastCallBefore.add(calls.get(calls.size() - 1));
        });

        assertThat(checkpoints).extracting(c -> c.cursor().key()).containsExactlyElementsOf(events.stream().map(UUID::toString).toList());
        assertThat(checkpoints).extracting(c -> c.cursor().insertedAt())
                .containsExactly(START.plusSeconds(10), START.plusSeconds(20), START.plusSeconds(30));
        assertThat(checkpoints).extracting(ExportCheckpoint::filesCompleted).containsExactly(1, 2, 3);
        assertThat(checkpoints).extracting(ExportCheckpoint::records).containsExactly(1L, 2L, 3L);
        assertThat(checkpoints).allSatisfy(c -> assertThat(c.state()).isEqualTo(Map.of("stage", stage)));
        assertThat(lastCallBefore).containsOnly("GET " + JOBS + "/sluice_load_*");
        List<LoggedRequest> uploads = uploads();
        assertThat(uploads).hasSize(3);
        long bytes = 0;
        for (int i = 0; i < 3; i++) {
            assertThat(parquetRows(uploads.get(i).getBody())).extracting(g -> g.getString("uuid", 0)).containsExactly(events.get(i).toString());
            bytes += uploads.get(i).getBody().length;
            assertThat(checkpoints.get(i).bytes()).isEqualTo(bytes);
        }
        assertThat(loadJobs()).hasSize(3).allSatisfy(load -> {
            assertThat(load.at("/configuration/load/destinationTable/tableId").asText()).isEqualTo(stage);
            assertThat(load.at("/configuration/load/writeDisposition").asText()).isEqualTo("WRITE_APPEND");
        });
        assertThat(calls()).filteredOn(c -> c.equals("POST " + TABLES)).hasSize(2);
        assertThat(calls()).filteredOn(c -> c.equals("POST " + JOBS)).hasSize(1);
        assertThat(calls()).last().isEqualTo("DELETE " + TABLES + "/" + stage);
        assertThat(outcome).isEqualTo(new ExportOutcome(3, bytes));
    }

    @Test
    void anAttemptGivenACheckpointAppendsOnlyTheRowsAfterItsCursorToTheKeptStageAndCountsTheWholeInterval() throws Exception {
        UUID project = store.newProject();
        List<UUID> events = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            events.add(store.event(project, "e" + i, START.plusSeconds(10L * i), "{}"));
        }
        UUID run = UUID.randomUUID();
        String stage = BigQuerySql.stageTableName(table, INTERVAL.end(), run);
        List<ExportCheckpoint> first = new ArrayList<>();
        assertThatThrownBy(() -> write(bigquery.destination(1), project, bigquery.config(table, true), run, ExportCheckpoint.start(), checkpoint -> {
            first.add(checkpoint);
            if (first.size() == 2) {
                throw new IllegalStateException("The worker was lost.");
            }
        })).hasMessage("The worker was lost.");
        assertThat(calls()).noneMatch(c -> c.startsWith("DELETE "));
        bigquery.server.resetRequests();
        bigquery.existingTable(table, ExportModel.EVENTS.defaultFields());
        bigquery.existingTable(stage, ExportModel.EVENTS.defaultFields());
        List<ExportCheckpoint> resumed = new ArrayList<>();

        ExportOutcome outcome = write(bigquery.destination(1), project, bigquery.config(table, true), run, first.get(1), resumed::add);

        assertThat(calls()).containsSubsequence("GET " + TABLES + "/" + table, "GET " + TABLES + "/" + stage, "PUT /upload/session/sluice_load_*",
                "POST " + JOBS, "DELETE " + TABLES + "/" + stage);
        assertThat(calls()).noneMatch(c -> c.equals("POST " + TABLES));
        List<LoggedRequest> uploads = uploads();
        assertThat(uploads).hasSize(3);
        long bytes = first.get(1).bytes();
        for (int i = 0; i < 3; i++) {
            assertThat(parquetRows(uploads.get(i).getBody())).extracting(g -> g.getString("uuid", 0)).containsExactly(events.get(2 + i).toString());
            bytes += uploads.get(i).getBody().length;
        }
        assertThat(resumed).extracting(ExportCheckpoint::filesCompleted).containsExactly(3, 4, 5);
        assertThat(resumed).extracting(ExportCheckpoint::records).containsExactly(3L, 4L, 5L);
        assertThat(resumed.get(2)).isEqualTo(new ExportCheckpoint(resumed.get(2).cursor(), 5, 5, bytes, Map.of("stage", stage)));
        assertThat(resumed.get(2).cursor().key()).isEqualTo(events.get(4).toString());
        assertThat(outcome).isEqualTo(new ExportOutcome(5, bytes));
    }

    @Test
    void anAttemptWhoseStagingTableIsGoneCommitsAStartCheckpointAndFailsToBeRetried() {
        UUID project = store.newProject();
        UUID firstEvent = store.event(project, "a", START.plusSeconds(10), "{}");
        store.event(project, "b", START.plusSeconds(20), "{}");
        UUID run = UUID.randomUUID();
        String stage = BigQuerySql.stageTableName(table, INTERVAL.end(), run);
        bigquery.override(get(urlPathEqualTo(TABLES + "/" + stage)), BigQueryContract.error(404, "notFound", "Not found: Table " + stage));
        ExportCheckpoint from = new ExportCheckpoint(new Cursor(START.plusSeconds(10), firstEvent.toString()), 1, 1, 900, Map.of("stage", stage));
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        assertThatThrownBy(() -> write(destination, project, bigquery.config(table, true), run, from, checkpoints::add))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(DestinationUserException.class)
                .hasMessage("The staging table " + stage + " that holds the rows loaded before is gone (it expires a day after its creation),"
                        + " so the load cannot continue. The interval will be written again from its start.");

        assertThat(checkpoints).containsExactly(ExportCheckpoint.start());
        assertThat(calls()).last().isEqualTo("GET " + TABLES + "/" + stage);
        assertThat(calls()).noneMatch(c -> c.contains("/upload/"));
    }

    @Test
    void aCheckpointOfAnotherRunsStageCommitsAStartCheckpointBeforeCallingBigQuery() {
        UUID project = store.newProject();
        UUID firstEvent = store.event(project, "a", START.plusSeconds(10), "{}");
        String otherRun = BigQuerySql.stageTableName(table, INTERVAL.end(), UUID.randomUUID());
        ExportCheckpoint from = new ExportCheckpoint(new Cursor(START.plusSeconds(10), firstEvent.toString()), 1, 1, 900, Map.of("stage", otherRun));
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        assertThatThrownBy(() -> write(destination, project, bigquery.config(table, true), UUID.randomUUID(), from, checkpoints::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("The interval will be written again from its start.");

        assertThat(checkpoints).containsExactly(ExportCheckpoint.start());
        assertThat(calls()).isEmpty();
    }

    @Test
    void aRefusedKeyIsAUserErrorAndFailsTheAuthenticateStep() {
        bigquery.override(post(urlPathEqualTo("/token")), com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"invalid_grant\", \"error_description\": \"Invalid JWT Signature.\"}"));
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, bigquery.config(table, true), UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage(BigQueryErrors.refusedCredentials(BigQueryConfig.parse(bigquery.config(table, true))));

        List<ConnectionStep> steps = destination.testConnection(bigquery.config(table, true));
        assertThat(steps).extracting(ConnectionStep::name).containsExactly("Authenticate", "Dataset exists", "Can create and delete a table");
        assertThat(steps).extracting(ConnectionStep::passed).containsExactly(false, false, false);
        assertThat(steps.get(0).message()).startsWith("Google refused the service account " + CLIENT_EMAIL);
        assertThat(steps.get(2).message()).isEqualTo("Not run because an earlier step failed.");
    }

    @Test
    void theConnectionTestAuthenticatesFindsTheDatasetAndCreatesAndDeletesAProbeTable() {
        List<ConnectionStep> steps = destination.testConnection(bigquery.config(table, true));

        assertThat(steps).extracting(ConnectionStep::name).containsExactly("Authenticate", "Dataset exists", "Can create and delete a table");
        assertThat(steps).allSatisfy(s -> assertThat(s.passed()).as(s.message()).isTrue());
        assertThat(steps.get(0).message()).isEqualTo("Signed in to Google as " + CLIENT_EMAIL + ".");
        assertThat(steps.get(1).message()).isEqualTo("The dataset " + PROJECT + "." + DATASET + " exists in " + LOCATION + ".");
        List<String> calls = calls();
        assertThat(calls).hasSize(4);
        assertThat(calls.get(2)).isEqualTo("POST /bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables");
        assertThat(calls.get(3)).startsWith("DELETE /bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET + "/tables/sluice_connection_test_");
    }

    @Test
    void aConnectionTestOfAMissingDatasetFailsThatStepWithASentence() {
        bigquery.override(get(urlPathEqualTo("/bigquery/v2/projects/" + PROJECT + "/datasets/" + DATASET)),
                BigQueryContract.error(404, "notFound", "Not found: Dataset " + PROJECT + ":" + DATASET));

        List<ConnectionStep> steps = destination.testConnection(bigquery.config(table, true));

        assertThat(steps).extracting(ConnectionStep::passed).containsExactly(true, false, false);
        assertThat(steps.get(1).message()).contains("dataset " + PROJECT + "." + DATASET + " does not exist");
    }

    private ExportOutcome write(UUID project, ExportModel model, Map<String, Object> config, UUID runId) {
        return write(destination, project, model, config, runId, ExportCheckpoint.start(), checkpoint -> { });
    }

    private ExportOutcome write(BigQueryDestination destination, UUID project, Map<String, Object> config, UUID runId, ExportCheckpoint from,
                                ProgressListener progress) {
        return write(destination, project, ExportModel.EVENTS, config, runId, from, progress);
    }

    /** Writes the project's rows of the interval after {@code from}'s cursor, one row per source batch, as the activity would. */
    private ExportOutcome write(BigQueryDestination destination, UUID project, ExportModel model, Map<String, Object> config, UUID runId,
                                ExportCheckpoint from, ProgressListener progress) {
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream rows = store.source(1).open(new SourceQuery(project, model, null, null, INTERVAL, from.cursor()), allocator)) {
            return destination.write(new DestinationRequest(UUID.randomUUID(), runId, project, INTERVAL, model, config, from), rows, progress);
        }
    }

    /** The uploads of the load jobs' files, oldest first. */
    private List<LoggedRequest> uploads() {
        return bigquery.requests().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().getName().equals("PUT") && r.getUrl().startsWith("/upload/session/")).toList();
    }

    /** The load jobs' configurations, as the client started them, oldest first. */
    private List<JsonNode> loadJobs() throws IOException {
        List<JsonNode> jobs = new ArrayList<>();
        for (ServeEvent event : bigquery.requests()) {
            if (event.getRequest().getUrl().contains("uploadType=resumable")) {
                jobs.add(body(event.getRequest()));
            }
        }
        return jobs;
    }

    /** Each request as "METHOD path", job ids starred, consecutive polls of one job shown once. */
    private List<String> calls() {
        List<String> calls = new ArrayList<>();
        for (ServeEvent event : bigquery.requests()) {
            String url = event.getRequest().getUrl();
            String path = url.contains("uploadType=resumable") ? url : url.replaceAll("\\?.*", "");
            String call = event.getRequest().getMethod().getName() + " " + path.replaceAll("(sluice_(load|merge)_)[0-9a-f]+", "$1*");
            if (calls.isEmpty() || !calls.get(calls.size() - 1).equals(call) || !call.startsWith("GET ")) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** jobs.insert of the merge: the only POST to the jobs collection. */
    private LoggedRequest mergeRequest() {
        return bigquery.requests().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().startsWith("/bigquery/v2/projects/" + PROJECT + "/jobs"))
                .findFirst().orElseThrow();
    }

    private static JsonNode body(LoggedRequest request) throws IOException {
        return JSON.readTree(request.getBodyAsString());
    }

    private static Map<String, String> fieldTypes(JsonNode table) {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        table.at("/schema/fields").forEach(f -> types.put(f.get("name").asText(), f.get("type").asText() + " " + f.get("mode").asText()));
        return types;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    private List<Group> parquetRows(byte[] parquet) throws IOException {
        Path file = Files.write(temp.resolve("upload-" + UUID.randomUUID() + ".parquet"), parquet);
        try (ParquetFileReader footer = ParquetFileReader.open(new LocalInputFile(file))) {
            MessageType schema = footer.getFileMetaData().getSchema();
            assertThat(schema.getType("properties").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
            assertThat(schema.getType("timestamp").getLogicalTypeAnnotation())
                    .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        }
        List<Group> rows = new ArrayList<>();
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(file)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            for (Group g = reader.read(); g != null; g = reader.read()) {
                rows.add(g);
            }
        }
        return rows;
    }
}
