package dev.sluice.destination.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.common.DataInterval;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.destination.http.EventBatches;
import dev.sluice.source.Cursor;
import dev.sluice.source.ExportModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real snowflake-jdbc driver against Snowflake's HTTP contract served by {@link FakeSnowflake}:
 * what the destination makes the driver send (login, SQL text in order, the PUT file's bytes) and
 * how the driver's errors are classified. No real Snowflake executes the SQL here.
 */
class SnowflakeDriverContractTest {

    static final String PASSWORD = "Secret-Pw-4417";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, START.plusSeconds(3600));
    private static final UUID EXPORT = UUID.fromString("0b7e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e");
    private static final String STAGE_NAME = "sluice_stage_0b7e1c2d3f4a_20260301110000";
    private static final String STAGE = "\"ANALYTICS\".\"PUBLIC\".\"sluice_stage_0b7e1c2d3f4a_20260301110000\"";
    private static final String TABLE_STAGE = "@\"ANALYTICS\".\"PUBLIC\".%\"sluice_stage_0b7e1c2d3f4a_20260301110000\"";

    @TempDir
    Path stageDirectory;
    private FakeSnowflake snowflake;

    @BeforeEach
    void start() {
        snowflake = new FakeSnowflake(stageDirectory);
    }

    @AfterEach
    void stop() {
        snowflake.close();
    }

    static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(Map.of("account", "acme.eu-central-1", "user", "loader", "password", PASSWORD,
                "database", "analytics", "schema", "public", "warehouse", "loading", "role", "loader", "table_name", "events"));
        return config;
    }

    private ExportOutcome write(Map<String, Object> config, List<EventBatches.Event> events, long fileBytes) {
        return write(config, events, fileBytes, ExportCheckpoint.start(), checkpoint -> { });
    }

    /** Writes {@code events} (the rows after {@code from}'s cursor, as the activity's source stream would hold them) in batches of 10. */
    private ExportOutcome write(Map<String, Object> config, List<EventBatches.Event> events, long fileBytes, ExportCheckpoint from,
                                ProgressListener progress) {
        SnowflakeDestination destination = new SnowflakeDestination(snowflake.connector(), fileBytes);
        DestinationRequest request = new DestinationRequest(EXPORT, UUID.randomUUID(), UUID.randomUUID(), INTERVAL, ExportModel.EVENTS,
                config, from);
        try (EventBatches rows = new EventBatches(events, 10)) {
            return destination.write(request, rows, progress);
        }
    }

    private static Cursor cursorOf(EventBatches.Event event) {
        return new Cursor(event.timestamp(), event.uuid());
    }

    /** The file name a {@code PUT} statement uploads. */
    private static String putFile(String put) {
        Matcher name = Pattern.compile("PUT 'file://.*/([^/']+)' ").matcher(put);
        assertThat(name.find()).as(put).isTrue();
        return name.group(1);
    }

    private static String copy(String file) {
        return "COPY INTO " + STAGE + " FROM " + TABLE_STAGE + " FILES = ('" + file + "') FILE_FORMAT = (TYPE = PARQUET USE_LOGICAL_TYPE = TRUE)"
                + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE ON_ERROR = ABORT_STATEMENT PURGE = TRUE";
    }

    private long stagedRecords(String file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(stageDirectory.resolve(file)))) {
            return reader.getRecordCount();
        }
    }

    static List<EventBatches.Event> events(int count) {
        List<EventBatches.Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new EventBatches.Event(UUID.randomUUID().toString(), "e" + i, "d-" + i, "{\"i\": " + i + "}", START.plusSeconds(i)));
        }
        return events;
    }

    @Test
    void anIntervalIsLoggedInEachFilePutAndCopiedByNameThenMergedInOneTransactionAndTheStageIsDropped() throws IOException {
        ExportOutcome outcome = write(config(), events(25), 1);

        LoggedLogin login = new LoggedLogin(snowflake);
        assertThat(login.parameter("databaseName")).isEqualTo("analytics");
        assertThat(login.parameter("schemaName")).isEqualTo("public");
        assertThat(login.parameter("warehouse")).isEqualTo("loading");
        assertThat(login.parameter("roleName")).isEqualTo("loader");
        assertThat(login.data().path("LOGIN_NAME").asText()).isEqualTo("loader");
        assertThat(login.data().path("ACCOUNT_NAME").asText()).isEqualTo("acme");
        assertThat(login.data().path("PASSWORD").asText()).isEqualTo(PASSWORD);

        List<String> sql = snowflake.statements();
        assertThat(sql).hasSize(13);
        assertThat(sql.get(0)).isEqualTo("USE WAREHOUSE \"LOADING\"");
        assertThat(sql.get(1)).isEqualTo("CREATE TABLE IF NOT EXISTS \"ANALYTICS\".\"PUBLIC\".\"EVENTS\" (\"uuid\" VARCHAR(36), \"event\" VARCHAR,"
                + " \"distinct_id\" VARCHAR, \"properties\" VARIANT, \"timestamp\" TIMESTAMP_TZ)");
        assertThat(sql.get(2)).isEqualTo("CREATE OR REPLACE TRANSIENT TABLE " + STAGE + " (\"uuid\" VARCHAR(36), \"event\" VARCHAR,"
                + " \"distinct_id\" VARCHAR, \"properties\" VARCHAR, \"timestamp\" TIMESTAMP_TZ)");
        for (int part = 0; part < 3; part++) {
            String put = sql.get(3 + 2 * part);
            assertThat(put).matches("PUT 'file://.*/part-0000" + part + "-[0-9a-f]{8}\\.parquet' " + Pattern.quote(TABLE_STAGE)
                    + " AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = NONE OVERWRITE = TRUE");
            assertThat(sql.get(4 + 2 * part)).isEqualTo(copy(putFile(put)));
        }
        assertThat(sql.get(9)).isEqualTo("BEGIN TRANSACTION");
        assertThat(sql.get(10)).startsWith("MERGE INTO \"ANALYTICS\".\"PUBLIC\".\"EVENTS\" t USING (SELECT * FROM " + STAGE)
                .contains(" QUALIFY ROW_NUMBER() OVER (PARTITION BY \"uuid\" ORDER BY \"uuid\") = 1) s")
                .contains(" ON t.\"uuid\" = s.\"uuid\" WHEN MATCHED THEN UPDATE SET ");
        assertThat(sql.get(11)).isEqualTo("COMMIT");
        assertThat(sql.get(12)).isEqualTo("DROP TABLE IF EXISTS " + STAGE);

        long staged = 0;
        for (Path file : snowflake.stagedFiles()) {
            staged += stagedRecords(file.getFileName().toString());
        }
        assertThat(snowflake.stagedFiles()).hasSize(3);
        assertThat(staged).isEqualTo(25);
        assertThat(outcome.records()).isEqualTo(25);
        assertThat(outcome.bytes()).isPositive();
    }

    @Test
    void eachFileIsCheckpointedOnceItsCopyRanWithTheCursorOfItsLastRowAndTheIntervalsRunningTotals() throws IOException {
        List<EventBatches.Event> events = events(25);
        List<ExportCheckpoint> checkpoints = new ArrayList<>();
        List<String> lastStatementBefore = new ArrayList<>();

        ExportOutcome outcome = write(config(), events, 1, ExportCheckpoint.start(), checkpoint -> {
            checkpoints.add(checkpoint);
            List<String> sent = snowflake.statements();
            lastStatementBefore.add(sent.get(sent.size() - 1));
        });

        assertThat(checkpoints).extracting(ExportCheckpoint::cursor)
                .containsExactly(cursorOf(events.get(9)), cursorOf(events.get(19)), cursorOf(events.get(24)));
        assertThat(checkpoints).extracting(ExportCheckpoint::filesCompleted).containsExactly(1, 2, 3);
        assertThat(checkpoints).extracting(ExportCheckpoint::records).containsExactly(10L, 20L, 25L);
        assertThat(checkpoints).allSatisfy(c -> assertThat(c.state()).isEqualTo(Map.of("stage", STAGE_NAME)));
        List<Path> files = snowflake.stagedFiles();
        long bytes = 0;
        for (int i = 0; i < 3; i++) {
            bytes += java.nio.file.Files.size(files.get(i));
            assertThat(checkpoints.get(i).bytes()).isEqualTo(bytes);
            assertThat(lastStatementBefore.get(i)).isEqualTo(copy(files.get(i).getFileName().toString()));
        }
        assertThat(outcome).isEqualTo(new ExportOutcome(25, bytes));
    }

    @Test
    void anAttemptGivenACheckpointKeepsTheStageAndLoadsOnlyTheRowsAfterItsCursorUnderANewFileName() throws IOException {
        List<EventBatches.Event> events = events(25);
        List<ExportCheckpoint> first = new ArrayList<>();
        assertThatThrownBy(() -> write(config(), events, 1, ExportCheckpoint.start(), checkpoint -> {
            first.add(checkpoint);
            if (first.size() == 2) {
                throw new IllegalStateException("The worker was lost.");
            }
        })).hasMessage("The worker was lost.");
        List<String> firstAttempt = snowflake.statements();
        assertThat(firstAttempt).noneMatch(s -> s.startsWith("DROP") || s.startsWith("MERGE") || s.startsWith("BEGIN"));
        List<ExportCheckpoint> resumed = new ArrayList<>();

        ExportOutcome outcome = write(config(), events.subList(20, 25), 1, first.get(1), resumed::add);

        List<String> sql = snowflake.statements().subList(firstAttempt.size(), snowflake.statements().size());
        assertThat(sql).hasSize(9);
        assertThat(sql.get(0)).isEqualTo("USE WAREHOUSE \"LOADING\"");
        assertThat(sql.get(1)).startsWith("CREATE TABLE IF NOT EXISTS ");
        assertThat(sql.get(2)).isEqualTo("SHOW TABLES LIKE '" + STAGE_NAME + "' IN SCHEMA \"ANALYTICS\".\"PUBLIC\"");
        String file = putFile(sql.get(3));
        assertThat(file).matches("part-00002-[0-9a-f]{8}\\.parquet");
        assertThat(file.substring(11)).isNotEqualTo(putFile(firstAttempt.get(firstAttempt.size() - 2)).substring(11));
        assertThat(sql.get(4)).isEqualTo(copy(file));
        assertThat(sql.subList(5, 9)).extracting(s -> s.split(" ")[0]).containsExactly("BEGIN", "MERGE", "COMMIT", "DROP");
        assertThat(stagedRecords(file)).isEqualTo(5);
        long fileBytes = java.nio.file.Files.size(stageDirectory.resolve(file));
        assertThat(resumed).containsExactly(new ExportCheckpoint(cursorOf(events.get(24)), 3, 25, first.get(1).bytes() + fileBytes,
                Map.of("stage", STAGE_NAME)));
        assertThat(outcome).isEqualTo(new ExportOutcome(25, first.get(1).bytes() + fileBytes));
    }

    @Test
    void anAttemptWhoseStagingTableIsGoneCommitsAStartCheckpointAndFailsToBeRetried() {
        List<EventBatches.Event> events = events(25);
        snowflake.loseTables();
        List<ExportCheckpoint> checkpoints = new ArrayList<>();
        ExportCheckpoint from = new ExportCheckpoint(cursorOf(events.get(9)), 1, 10, 4096, Map.of("stage", STAGE_NAME));

        assertThatThrownBy(() -> write(config(), events.subList(10, 25), 1, from, checkpoints::add))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(DestinationUserException.class)
                .hasMessage("The staging table " + STAGE_NAME + " that holds the rows loaded before is gone, so the load cannot continue."
                        + " The interval will be written again from its start.");

        assertThat(checkpoints).containsExactly(ExportCheckpoint.start());
        assertThat(snowflake.statements()).last().asString().startsWith("SHOW TABLES LIKE '" + STAGE_NAME + "'");
        assertThat(snowflake.statements()).noneMatch(s -> s.startsWith("CREATE OR REPLACE") || s.startsWith("PUT") || s.startsWith("MERGE"));
    }

    @Test
    void aCheckpointThatDoesNotNameTheStagingTableCommitsAStartCheckpointBeforeConnecting() {
        List<EventBatches.Event> events = events(25);
        List<ExportCheckpoint> checkpoints = new ArrayList<>();
        ExportCheckpoint from = new ExportCheckpoint(cursorOf(events.get(9)), 1, 10, 4096, Map.of("files", "[]"));

        assertThatThrownBy(() -> write(config(), events.subList(10, 25), 1, from, checkpoints::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("The interval will be written again from its start.");

        assertThat(checkpoints).containsExactly(ExportCheckpoint.start());
        assertThat(snowflake.statements()).isEmpty();
    }

    @Test
    void aRefusedLoginIsAUserErrorWithASentenceThatNeverRepeatsThePassword() {
        snowflake.refuseLogin("390100", "Incorrect username or password was specified.");

        assertThatThrownBy(() -> write(config(), events(3), SnowflakeWriter.FILE_BYTES))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The Snowflake account 'acme.eu-central-1' refused the login of user 'loader': check the user name and password.")
                .hasMessageNotContaining(PASSWORD)
                .hasNoCause();
        assertThat(snowflake.statements()).isEmpty();
    }

    @Test
    void aLoginForbiddenOverHttpMeansAWrongAccountOrANetworkPolicyAndIsAUserError() {
        snowflake.forbidLogin();

        assertThatThrownBy(() -> write(config(), events(1), SnowflakeWriter.FILE_BYTES))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("The Snowflake account 'acme.eu-central-1' refused the connection with HTTP status 403:");
    }

    @Test
    void aKeyPairLoginSendsAJwtSignedWithTheDecryptedPrivateKeyAndNoPassword() throws Exception {
        Map<String, Object> config = config();
        config.remove("password");
        config.put("private_key", TestKeys.ENCRYPTED_PEM);
        config.put("private_key_passphrase", TestKeys.PASSPHRASE);

        write(config, events(2), SnowflakeWriter.FILE_BYTES);

        JsonNode login = new LoggedLogin(snowflake).data();
        assertThat(login.path("AUTHENTICATOR").asText()).isEqualTo("SNOWFLAKE_JWT");
        assertThat(login.has("PASSWORD")).isFalse();
        String[] jwt = login.path("TOKEN").asText().split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(TestKeys.publicKey());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("ACME.LOADER");
        assertThat(claims.path("iss").asText()).isEqualTo("ACME.LOADER." + TestKeys.fingerprint());
        assertThat(snowflake.statements()).contains("COMMIT");
    }

    @Test
    void aMissingPrivilegeIsAUserErrorNothingIsMergedAndTheStageIsDroppedAsNoAttemptFollows() {
        snowflake.failStatement("COPY INTO", "003001", "42501",
                "SQL access control error: Insufficient privileges to operate on table stage 'sluice_stage' (" + PASSWORD + ")");

        assertThatThrownBy(() -> write(config(), events(3), SnowflakeWriter.FILE_BYTES))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("User 'loader' lacks a privilege Sluice needs on analytics.public.events")
                .hasMessageContaining("Insufficient privileges")
                .hasMessageNotContaining(PASSWORD);
        List<String> sql = snowflake.statements();
        assertThat(sql).noneMatch(s -> s.startsWith("MERGE") || s.startsWith("BEGIN"));
        assertThat(sql.get(sql.size() - 1)).isEqualTo("DROP TABLE IF EXISTS " + STAGE);
    }

    @Test
    void aMergeFailingWithARetryableErrorIsRolledBackAndTheStageIsKeptForTheNextAttempt() {
        snowflake.failStatement("MERGE INTO", "000603", "XX000", "SQL execution internal error: Processing aborted due to error 300002.");

        assertThatThrownBy(() -> write(config(), events(3), SnowflakeWriter.FILE_BYTES))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(DestinationUserException.class)
                .hasMessageContaining("error 603").hasMessageContaining("Processing aborted");
        List<String> sql = snowflake.statements();
        assertThat(sql.get(sql.size() - 2)).startsWith("MERGE INTO ");
        assertThat(sql.get(sql.size() - 1)).isEqualTo("ROLLBACK");
        assertThat(sql).doesNotContain("COMMIT").noneMatch(s -> s.startsWith("DROP"));
    }

    @Test
    void anObjectThatDoesNotExistIsAUserError() {
        snowflake.failStatement("CREATE TABLE IF NOT EXISTS", "002003", "02000",
                "SQL compilation error:\nSchema 'ANALYTICS.PUBLIC' does not exist or not authorized.");

        assertThatThrownBy(() -> write(config(), events(1), SnowflakeWriter.FILE_BYTES))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("cannot find an object").hasMessageContaining("does not exist or not authorized");
    }

    @Test
    void anIntervalWithoutRowsCreatesTheTableButCopiesAndMergesNothing() {
        ExportOutcome outcome = write(config(), List.of(), SnowflakeWriter.FILE_BYTES);

        assertThat(outcome).isEqualTo(new ExportOutcome(0, 0));
        assertThat(snowflake.statements()).noneMatch(s -> s.startsWith("PUT") || s.startsWith("COPY") || s.startsWith("MERGE"))
                .last().isEqualTo("DROP TABLE IF EXISTS " + STAGE);
    }

    @Test
    void theConnectionCheckPassesItsFourStepsWithoutLeavingATable() {
        List<ConnectionStep> steps = new SnowflakeDestination(snowflake.connector(), 1).testConnection(config());

        assertThat(steps).extracting(ConnectionStep::name).containsExactly("Connect and authenticate", "Warehouse usable",
                "Database and schema exist", "Can create a table in the schema");
        assertThat(steps).allMatch(ConnectionStep::passed);
        assertThat(steps.get(0).message()).isEqualTo("Logged in to Snowflake account acme.eu-central-1 as user loader, role loader.");
        List<String> sql = snowflake.statements();
        assertThat(sql.get(0)).isEqualTo("USE WAREHOUSE \"LOADING\"");
        assertThat(sql.get(1)).isEqualTo("USE SCHEMA \"ANALYTICS\".\"PUBLIC\"");
        assertThat(sql.get(2)).matches("CREATE TRANSIENT TABLE \"ANALYTICS\"\\.\"PUBLIC\"\\.\"sluice_connection_test_[0-9a-f]{8}\" \\(\"id\" VARCHAR\\(36\\)\\)");
        assertThat(sql.get(3)).isEqualTo("DROP TABLE " + sql.get(2).substring("CREATE TRANSIENT TABLE ".length(), sql.get(2).indexOf(" (")));
    }

    @Test
    void theConnectionCheckStopsAtAWarehouseTheRoleCannotUse() {
        snowflake.failStatement("USE WAREHOUSE", "002043", "02000",
                "SQL compilation error:\nObject does not exist, or operation cannot be performed.");

        List<ConnectionStep> steps = new SnowflakeDestination(snowflake.connector(), 1).testConnection(config());

        assertThat(steps).extracting(ConnectionStep::passed).containsExactly(true, false, false, false);
        assertThat(steps.get(1).message()).contains("warehouse 'loading'").contains("Object does not exist");
        assertThat(steps.get(2).message()).isEqualTo("Not run because an earlier step failed.");
    }

    @Test
    void theConnectionCheckReportsARefusedLoginAtItsFirstStep() {
        snowflake.refuseLogin("390100", "Incorrect username or password was specified.");

        List<ConnectionStep> steps = new SnowflakeDestination(snowflake.connector(), 1).testConnection(config());

        assertThat(steps.get(0)).isEqualTo(new ConnectionStep("Connect and authenticate", false,
                "The Snowflake account 'acme.eu-central-1' refused the login of user 'loader': check the user name and password."));
        assertThat(steps).extracting(ConnectionStep::passed).containsOnly(false);
    }

    /** The login request as the fake server received it. */
    record LoggedLogin(com.github.tomakehurst.wiremock.verification.LoggedRequest request) {

        LoggedLogin(FakeSnowflake snowflake) {
            this(snowflake.login());
        }

        String parameter(String name) {
            return request.queryParameter(name).firstValue();
        }

        JsonNode data() {
            return FakeSnowflake.json(request).path("data");
        }
    }
}
