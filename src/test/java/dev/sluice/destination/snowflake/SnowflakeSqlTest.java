package dev.sluice.destination.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.destination.postgres.TableColumn;
import dev.sluice.destination.postgres.TableColumns;
import dev.sluice.destination.postgres.ValueKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The statements of a Snowflake load, built as text: what the driver contract test cannot show a real Snowflake. */
class SnowflakeSqlTest {

    private static final TableColumns EVENTS = new TableColumns(List.of(new TableColumn("uuid", ValueKind.UUID),
            new TableColumn("event", ValueKind.TEXT), new TableColumn("properties", ValueKind.JSON),
            new TableColumn("timestamp", ValueKind.TIMESTAMP)), "uuid", null);
    private static final TableColumns PERSONS = new TableColumns(List.of(new TableColumn("person_id", ValueKind.UUID),
            new TableColumn("properties", ValueKind.JSON), new TableColumn("version", ValueKind.BIGINT)), "person_id", "version");

    private static SnowflakeConfig config(String database, String schema, String table) {
        Map<String, Object> raw = SnowflakeDriverContractTest.config();
        raw.putAll(Map.of("database", database, "schema", schema, "table_name", table));
        return SnowflakeConfig.parse(raw);
    }

    private static SnowflakeSql sql(TableColumns columns) {
        return new SnowflakeSql(config("analytics", "raw", "events"), columns, "sluice_stage_x");
    }

    @Test
    void eventsAreMergedOnUuidOneStagedRowPerUuidWithJsonParsedIntoVariant() {
        List<String> merge = sql(EVENTS).merge();

        assertThat(merge).hasSize(3);
        assertThat(merge.get(0)).isEqualTo("BEGIN TRANSACTION");
        assertThat(merge.get(1)).isEqualTo("MERGE INTO \"ANALYTICS\".\"RAW\".\"EVENTS\" t USING (SELECT * FROM \"ANALYTICS\".\"RAW\".\"sluice_stage_x\""
                + " QUALIFY ROW_NUMBER() OVER (PARTITION BY \"uuid\" ORDER BY \"uuid\") = 1) s ON t.\"uuid\" = s.\"uuid\""
                + " WHEN MATCHED THEN UPDATE SET t.\"uuid\" = s.\"uuid\", t.\"event\" = s.\"event\", t.\"properties\" = PARSE_JSON(s.\"properties\"),"
                + " t.\"timestamp\" = s.\"timestamp\""
                + " WHEN NOT MATCHED THEN INSERT (\"uuid\", \"event\", \"properties\", \"timestamp\")"
                + " VALUES (s.\"uuid\", s.\"event\", PARSE_JSON(s.\"properties\"), s.\"timestamp\")");
        assertThat(merge.get(2)).isEqualTo("COMMIT");
    }

    @Test
    void personsAreMergedOnPersonIdAndAStoredPersonIsOnlyReplacedByTheSameOrANewerVersion() {
        String merge = sql(PERSONS).merge().get(1);

        assertThat(merge).contains("QUALIFY ROW_NUMBER() OVER (PARTITION BY \"person_id\" ORDER BY \"version\" DESC NULLS LAST) = 1) s")
                .contains(" ON t.\"person_id\" = s.\"person_id\" ")
                .contains(" WHEN MATCHED AND (t.\"version\" IS NULL OR s.\"version\" >= t.\"version\") THEN UPDATE SET ")
                .contains(" WHEN NOT MATCHED THEN INSERT (\"person_id\", \"properties\", \"version\")");
    }

    @Test
    void personsWithoutAVersionColumnAreReplacedByTheStagedOne() {
        TableColumns unversioned = new TableColumns(PERSONS.columns().subList(0, 2), "person_id", null);

        assertThat(sql(unversioned).merge().get(1)).contains(" WHEN MATCHED THEN UPDATE SET ").doesNotContain("version");
    }

    @Test
    void theTargetIsCreatedWithVariantAndTimestampTzAndTheStageKeepsJsonAsText() {
        TableColumns all = new TableColumns(List.of(new TableColumn("uuid", ValueKind.UUID), new TableColumn("n", ValueKind.BIGINT),
                new TableColumn("i", ValueKind.INTEGER), new TableColumn("f", ValueKind.DOUBLE), new TableColumn("b", ValueKind.BOOLEAN),
                new TableColumn("properties", ValueKind.JSON), new TableColumn("timestamp", ValueKind.TIMESTAMP)), "uuid", null);

        assertThat(sql(all).createTarget()).isEqualTo("CREATE TABLE IF NOT EXISTS \"ANALYTICS\".\"RAW\".\"EVENTS\" (\"uuid\" VARCHAR(36),"
                + " \"n\" NUMBER(19, 0), \"i\" NUMBER(10, 0), \"f\" FLOAT, \"b\" BOOLEAN, \"properties\" VARIANT, \"timestamp\" TIMESTAMP_TZ)");
        assertThat(sql(all).createStage()).startsWith("CREATE OR REPLACE TRANSIENT TABLE \"ANALYTICS\".\"RAW\".\"sluice_stage_x\" (")
                .contains("\"properties\" VARCHAR, \"timestamp\" TIMESTAMP_TZ)");
    }

    @Test
    void eachCopyLoadsOneNamedFileOfTheTableStageByColumnNameFromParquetWithLogicalTypes() {
        assertThat(sql(EVENTS).copyIntoStage("part-00003-0a1b2c3d.parquet")).isEqualTo("COPY INTO \"ANALYTICS\".\"RAW\".\"sluice_stage_x\""
                + " FROM @\"ANALYTICS\".\"RAW\".%\"sluice_stage_x\" FILES = ('part-00003-0a1b2c3d.parquet')"
                + " FILE_FORMAT = (TYPE = PARQUET USE_LOGICAL_TYPE = TRUE)"
                + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE ON_ERROR = ABORT_STATEMENT PURGE = TRUE");
        assertThat(sql(EVENTS).copyIntoStage("it's.parquet")).contains(" FILES = ('it\\'s.parquet') ");
        assertThat(sql(EVENTS).put(Path.of("/tmp/it's here/part-00000.parquet"))).isEqualTo(
                "PUT 'file:///tmp/it\\'s here/part-00000.parquet' @\"ANALYTICS\".\"RAW\".%\"sluice_stage_x\""
                        + " AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = NONE OVERWRITE = TRUE");
        assertThat(sql(EVENTS).dropStage()).isEqualTo("DROP TABLE IF EXISTS \"ANALYTICS\".\"RAW\".\"sluice_stage_x\"");
    }

    @Test
    void aResumedAttemptLooksForItsStagingTableInTheConfiguredSchema() {
        assertThat(sql(EVENTS).showStage()).isEqualTo("SHOW TABLES LIKE 'sluice_stage_x' IN SCHEMA \"ANALYTICS\".\"RAW\"");
        assertThat(new SnowflakeSql(config("\"My Db\"", "raw", "events"), EVENTS, "sluice_stage_y").showStage())
                .isEqualTo("SHOW TABLES LIKE 'sluice_stage_y' IN SCHEMA \"My Db\".\"RAW\"");
    }

    @Test
    void theMergeReadsOneStagedRowPerKeySoRowsLoadedTwiceAfterALostCheckpointAreMergedOnce() {
        assertThat(sql(EVENTS).merge().get(1)).contains("USING (SELECT * FROM \"ANALYTICS\".\"RAW\".\"sluice_stage_x\""
                + " QUALIFY ROW_NUMBER() OVER (PARTITION BY \"uuid\" ORDER BY \"uuid\") = 1) s ");
        assertThat(sql(PERSONS).merge().get(1)).contains("USING (SELECT * FROM \"ANALYTICS\".\"RAW\".\"sluice_stage_x\""
                + " QUALIFY ROW_NUMBER() OVER (PARTITION BY \"person_id\" ORDER BY \"version\" DESC NULLS LAST) = 1) s ");
    }

    @Test
    void plainConfiguredNamesResolveInUpperCaseAndQuotedOnesKeepTheirCaseReservedWordsIncluded() {
        SnowflakeSql sql = new SnowflakeSql(config("\"My Db\"", "order", "\"Events \"\"2026\"\"\""), EVENTS, "sluice_stage_x");

        assertThat(sql.target()).isEqualTo("\"My Db\".\"ORDER\".\"Events \"\"2026\"\"\"");
        assertThat(sql.useWarehouse(config("a", "b", "c"))).isEqualTo("USE WAREHOUSE \"LOADING\"");
    }

    @Test
    void columnAliasesAreQuotedAsGivenWithQuotesDoubled() {
        TableColumns odd = new TableColumns(List.of(new TableColumn("uuid", ValueKind.UUID), new TableColumn("Event \"Name\"", ValueKind.TEXT)),
                "uuid", null);

        assertThat(sql(odd).createTarget()).contains("\"Event \"\"Name\"\"\" VARCHAR");
        assertThat(sql(odd).merge().get(1)).contains("t.\"Event \"\"Name\"\"\" = s.\"Event \"\"Name\"\"\"");
    }

    @Test
    void namesThatAreNeitherPlainNorQuotedAreRefused() {
        assertThat(SnowflakeNames.isObjectName("events; drop table x")).isFalse();
        assertThat(SnowflakeNames.isObjectName("\"unbalanced")).isFalse();
        assertThat(SnowflakeNames.isObjectName("\"a\"b\"")).isFalse();
        assertThat(SnowflakeNames.isObjectName("_events$2")).isTrue();
        assertThatThrownBy(() -> config("analytics", "raw", "events; drop table x"))
                .hasMessageContaining("The Snowflake table 'events; drop table x' is not a valid name");
    }

    @Test
    void theStagingTableIsOnePerExportAndIntervalSoEveryAttemptOfTheIntervalFindsTheSameOne() {
        UUID export = UUID.fromString("0b7e1c2d-3f4a-4b5c-8d9e-0f1a2b3c4d5e");
        Instant end = Instant.parse("2026-03-01T11:00:00Z");

        assertThat(SnowflakeSql.stageTableName(export, end)).isEqualTo("sluice_stage_0b7e1c2d3f4a_20260301110000")
                .isEqualTo(SnowflakeSql.stageTableName(export, end));
        assertThat(SnowflakeSql.stageTableName(UUID.randomUUID(), end)).isNotEqualTo(SnowflakeSql.stageTableName(export, end));
    }

    @Test
    void accountsAreIdentifiersWithAnOptionalRegionAndCloud() {
        assertThat(List.of("xy12345", "xy12345.eu-central-1", "xy12345.us-east-2.aws", "myorg-my_account", "https://acme.snowflakecomputing.com"))
                .allMatch(SnowflakeNames::isAccount);
        assertThat(List.of("", "acme/../x", "acme?x=1", "a.b.c.d", "-acme", "acme:443")).noneMatch(SnowflakeNames::isAccount);
    }
}
