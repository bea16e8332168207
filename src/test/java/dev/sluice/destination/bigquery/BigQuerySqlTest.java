package dev.sluice.destination.bigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.LegacySQLTypeName;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.http.EventBatches;
import dev.sluice.source.ExportModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statements, schemas and names the BigQuery destination builds, and how it sorts BigQuery's errors. */
class BigQuerySqlTest {

    private static final Map<String, String> JSON_METADATA = Map.of("ARROW:extension:name", "arrow.json", "ARROW:extension:metadata", "");
    private static final Schema EVENTS = new Schema(List.of(
            text("uuid"), text("event"), json("properties"),
            org.apache.arrow.vector.types.pojo.Field.nullable("timestamp", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"))));
    private static final Schema PERSONS = new Schema(List.of(
            text("person_id"), json("distinct_ids"), json("properties"), org.apache.arrow.vector.types.pojo.Field.nullable("version", new ArrowType.Int(64, true)),
            org.apache.arrow.vector.types.pojo.Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            org.apache.arrow.vector.types.pojo.Field.nullable("active", ArrowType.Bool.INSTANCE)));
    private static final String TARGET = BigQuerySql.table("my-project", "analytics", "events");
    private static final String STAGE = BigQuerySql.table("my-project", "analytics", "events_sluice_stage_20260301110000_0a1b2c3d");

    @Test
    void eventsAreMergedByUuidReplacingTheStoredRowAndParsingJsonTexts() {
        String sql = BigQuerySql.merge(BigQueryColumns.of(EVENTS, ExportModel.EVENTS, true), TARGET, STAGE);

        assertThat(sql).isEqualTo("""
                MERGE `my-project.analytics.events` AS target
                USING (SELECT * FROM `my-project.analytics.events_sluice_stage_20260301110000_0a1b2c3d` \
                WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY `uuid`) = 1) AS stage
                ON target.`uuid` = stage.`uuid`
                WHEN MATCHED THEN UPDATE SET `event` = stage.`event`, \
                `properties` = PARSE_JSON(stage.`properties`, wide_number_mode => 'round'), `timestamp` = stage.`timestamp`
                WHEN NOT MATCHED THEN INSERT (`uuid`, `event`, `properties`, `timestamp`) VALUES (stage.`uuid`, stage.`event`, \
                PARSE_JSON(stage.`properties`, wide_number_mode => 'round'), stage.`timestamp`)""");
    }

    @Test
    void withoutUseJsonTypeJsonTextsAreCopiedAsStrings() {
        String sql = BigQuerySql.merge(BigQueryColumns.of(EVENTS, ExportModel.EVENTS, false), TARGET, STAGE);

        assertThat(sql).doesNotContain("PARSE_JSON").contains("`properties` = stage.`properties`");
    }

    @Test
    void personsAreMergedByIdAndAStoredNewerVersionIsKept() {
        String sql = BigQuerySql.merge(BigQueryColumns.of(PERSONS, ExportModel.PERSONS, true), TARGET, STAGE);

        assertThat(sql).contains("QUALIFY ROW_NUMBER() OVER (PARTITION BY `person_id` ORDER BY `version` DESC) = 1")
                .contains("ON target.`person_id` = stage.`person_id`")
                .contains("WHEN MATCHED AND NOT IFNULL(stage.`version` < target.`version`, FALSE) THEN UPDATE SET `distinct_ids` = ")
                .contains("WHEN NOT MATCHED THEN INSERT (`person_id`, `distinct_ids`, `properties`, `version`, `score`, `active`)");
    }

    @Test
    void personsWithoutAVersionColumnAreAlwaysReplaced() {
        Schema noVersion = new Schema(List.of(text("person_id"), json("properties")));

        String sql = BigQuerySql.merge(BigQueryColumns.of(noVersion, ExportModel.PERSONS, true), TARGET, STAGE);

        assertThat(sql).contains("PARTITION BY `person_id`) = 1").contains("WHEN MATCHED THEN UPDATE SET `properties` = ");
    }

    @Test
    void aSchemaOfOnlyTheKeyInsertsNewKeysAndUpdatesNothing() {
        String sql = BigQuerySql.merge(BigQueryColumns.of(new Schema(List.of(text("uuid"))), ExportModel.EVENTS, true), TARGET, STAGE);

        assertThat(sql).doesNotContain("WHEN MATCHED").endsWith("WHEN NOT MATCHED THEN INSERT (`uuid`) VALUES (stage.`uuid`)");
    }

    @Test
    void theTargetGetsJsonColumnsOnlyWithUseJsonTypeAndTheStageAlwaysStrings() {
        BigQueryColumns json = BigQueryColumns.of(PERSONS, ExportModel.PERSONS, true);
        BigQueryColumns strings = BigQueryColumns.of(PERSONS, ExportModel.PERSONS, false);

        assertThat(types(json.targetSchema().getFields())).containsExactly("person_id STRING REQUIRED",
                "distinct_ids JSON NULLABLE", "properties JSON NULLABLE", "version INTEGER NULLABLE", "score FLOAT NULLABLE",
                "active BOOLEAN NULLABLE");
        assertThat(types(strings.targetSchema().getFields())).contains("distinct_ids STRING NULLABLE", "properties STRING NULLABLE");
        assertThat(types(json.stageSchema().getFields())).containsExactly("person_id STRING NULLABLE", "distinct_ids STRING NULLABLE",
                "properties STRING NULLABLE", "version INTEGER NULLABLE", "score FLOAT NULLABLE", "active BOOLEAN NULLABLE");
        assertThat(BigQueryColumns.of(EVENTS, ExportModel.EVENTS, true).targetSchema().getFields().get("timestamp").getType())
                .isEqualTo(LegacySQLTypeName.TIMESTAMP);
    }

    @Test
    void theParquetFileWritesJsonTextsAsPlainStrings() {
        Schema plain = ParquetStageFile.plainStrings(PERSONS);

        assertThat(plain.getFields()).extracting(org.apache.arrow.vector.types.pojo.Field::getName)
                .containsExactly("person_id", "distinct_ids", "properties", "version", "score", "active");
        assertThat(plain.getFields()).allSatisfy(f -> assertThat(f.getMetadata()).isEmpty());
        assertThat(plain.findField("version").getType()).isEqualTo(new ArrowType.Int(64, true));
    }

    @Test
    void aParquetChunkHasItsExactSizeOnceFinishedAndItsFileIsGoneWhenClosed() throws IOException {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        Path path;
        try (EventBatches rows = new EventBatches(List.of(new EventBatches.Event(UUID.randomUUID().toString(), "a", "d", "{}", at),
                new EventBatches.Event(UUID.randomUUID().toString(), "b", "d", "{\"n\": 1}", at)), 10);
             ParquetStageFile chunk = ParquetStageFile.open(rows.schema(), BigQueryDestination.CHUNK_BYTES)) {
            assertThat(rows.next()).isTrue();
            chunk.write(rows.root());
            chunk.finish();
            path = chunk.path();
            assertThat(chunk.records()).isEqualTo(2);
            assertThat(chunk.bytes()).isEqualTo(Files.size(path));
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void theMergeReadsOneStagedRowPerKeySoRowsLoadedTwiceAfterALostCheckpointAreMergedOnce() {
        assertThat(BigQuerySql.merge(BigQueryColumns.of(EVENTS, ExportModel.EVENTS, true), TARGET, STAGE))
                .contains("USING (SELECT * FROM " + STAGE + " WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY `uuid`) = 1) AS stage");
        assertThat(BigQuerySql.merge(BigQueryColumns.of(PERSONS, ExportModel.PERSONS, true), TARGET, STAGE))
                .contains("USING (SELECT * FROM " + STAGE
                        + " WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY `person_id` ORDER BY `version` DESC) = 1) AS stage");
    }

    @Test
    void anExportWithoutItsModelsKeyOrWithAColumnNameBigQueryRefusesIsAUserError() {
        assertThatThrownBy(() -> BigQueryColumns.of(new Schema(List.of(text("event"))), ExportModel.EVENTS, true))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("needs a 'uuid' column");
        assertThatThrownBy(() -> BigQueryColumns.of(new Schema(List.of(text("uuid"), text("Event Name"))), ExportModel.EVENTS, true))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("'Event Name' cannot be a BigQuery column name");
        assertThatThrownBy(() -> BigQueryColumns.of(new Schema(List.of(text("uuid"), text("a"), text("A"))), ExportModel.EVENTS, true))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("names the column 'A' twice");
    }

    @Test
    void theStageTableIsNamedForTheTableIntervalAndRun() {
        UUID run = UUID.fromString("0a1b2c3d-0000-4000-8000-000000000000");

        assertThat(BigQuerySql.stageTableName("events", Instant.parse("2026-03-01T11:00:00Z"), run))
                .isEqualTo("events_sluice_stage_20260301110000_0a1b2c3d");
        assertThat(BigQuerySql.stageTableName("t".repeat(1024), Instant.parse("2026-03-01T11:00:00Z"), run)).hasSizeLessThan(1024);
    }

    @Test
    void namesFollowBigQuerysRules() {
        assertThat(BigQueryNames.isProject("my-project-123")).isTrue();
        assertThat(BigQueryNames.isProject("example.com:my-project")).isTrue();
        assertThat(BigQueryNames.isProject("My_Project")).isFalse();
        assertThat(BigQueryNames.isProject("abc")).isFalse();
        assertThat(BigQueryNames.isDataset("analytics_eu")).isTrue();
        assertThat(BigQueryNames.isDataset("analytics-eu")).isFalse();
        assertThat(BigQueryNames.isTable("events 2026-03")).isTrue();
        assertThat(BigQueryNames.isTable("events`; drop")).isFalse();
        assertThat(BigQueryNames.isTable("a.b")).isFalse();
        assertThat(BigQueryNames.isEmail("exporter@p.iam.gserviceaccount.com")).isTrue();
        assertThat(BigQueryNames.isEmail("exporter")).isFalse();
        assertThat(BigQueryNames.isPrivateKeyPem(BigQueryContract.PRIVATE_KEY)).isTrue();
        assertThat(BigQueryNames.isPrivateKeyPem(BigQueryContract.PRIVATE_KEY.replace("\n", "\\n"))).isTrue();
        assertThat(BigQueryNames.isPrivateKeyPem("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----")).isFalse();
    }

    @Test
    void aKeyPastedWithEscapedLineBreaksIsReadAndAnUnreadableOneIsAUserError() {
        assertThat(BigQueryCredentials.privateKey(BigQueryContract.PRIVATE_KEY.replace("\n", "\\n")).getAlgorithm()).isEqualTo("RSA");
        assertThatThrownBy(() -> BigQueryCredentials.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("could not be read as an RSA key");
    }

    @Test
    void theConfigNeverShowsTheKeyAndScrubsItFromMessages() {
        BigQueryConfig config = BigQueryConfig.parse(config());

        assertThat(config.toString()).doesNotContain("PRIVATE KEY").doesNotContain("key-id-9");
        assertThat(config.scrub("bad key key-id-9 in " + config.privateKey())).isEqualTo("bad key *** in ***");
        assertThat(config.tokenUri()).hasToString(BigQueryConfig.DEFAULT_TOKEN_URI);
        assertThat(config.useJsonType()).isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} {1} is a user error: {2}")
    @CsvSource({
        "401, unauthorized, true", "403, accessDenied, true", "403, billingNotEnabled, true", "404, notFound, true",
        "400, invalid, true", "400, invalidQuery, true",
        "403, rateLimitExceeded, false", "403, quotaExceeded, false", "500, backendError, false", "503, '', false",
        "0, jobBackendError, false", "0, internalError, false", "429, '', false"})
    void errorsAreSortedIntoUserErrorsAndRetryableOnes(int code, String reason, boolean userError) {
        RuntimeException e = BigQueryErrors.classify(code, reason, "detail", BigQueryConfig.parse(config()));

        assertThat(e instanceof DestinationUserException).as(e.getMessage()).isEqualTo(userError);
        assertThat(e.getMessage()).doesNotContain("PRIVATE KEY").doesNotContain("key-id-9");
    }

    @Test
    void aConcurrentUpdateOfTheTargetIsRetryableThoughBigQueryCallsItInvalid() {
        RuntimeException e = BigQueryErrors.classify(400, "invalidQuery",
                "Could not serialize access to table my-project:analytics.events due to concurrent update", BigQueryConfig.parse(config()));

        assertThat(e).isNotInstanceOf(DestinationUserException.class).hasMessageContaining("will be retried");
    }

    private static List<String> types(List<Field> fields) {
        return fields.stream().map(f -> f.getName() + " " + f.getType().name() + " " + f.getMode()).toList();
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(Map.of("project_id", "my-project", "dataset_id", "analytics", "table_id", "events",
                "client_email", "exporter@my-project.iam.gserviceaccount.com", "private_key", BigQueryContract.PRIVATE_KEY,
                "private_key_id", "key-id-9"));
        return config;
    }

    private static org.apache.arrow.vector.types.pojo.Field text(String name) {
        return org.apache.arrow.vector.types.pojo.Field.nullable(name, ArrowType.Utf8.INSTANCE);
    }

    private static org.apache.arrow.vector.types.pojo.Field json(String name) {
        return new org.apache.arrow.vector.types.pojo.Field(name, new FieldType(true, ArrowType.Utf8.INSTANCE, null, JSON_METADATA), null);
    }
}
