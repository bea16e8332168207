package dev.sluice.destination.redshift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.destination.postgres.InsertStageLoader;
import dev.sluice.destination.postgres.PostgresConfig;
import dev.sluice.destination.postgres.TableColumn;
import dev.sluice.destination.postgres.TableColumns;
import dev.sluice.destination.postgres.TableSql;
import dev.sluice.destination.postgres.ValueKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL the Redshift destination sends, checked statement by statement since no Redshift can run here. */
class RedshiftSqlTest {

    private static final List<TableColumn> EVENT_COLUMNS = List.of(new TableColumn("uuid", ValueKind.UUID),
            new TableColumn("event", ValueKind.TEXT), new TableColumn("properties", ValueKind.JSON),
            new TableColumn("timestamp", ValueKind.TIMESTAMP));
    private static final TableColumns EVENTS = new TableColumns(EVENT_COLUMNS, "uuid", null);
    private static final TableColumns PERSONS = new TableColumns(List.of(new TableColumn("person_id", ValueKind.UUID),
            new TableColumn("properties", ValueKind.JSON), new TableColumn("version", ValueKind.BIGINT)), "person_id", "version");
    private static final String STAGE = TableSql.stageTableName("events", Instant.parse("2026-03-01T11:00:00Z"),
            UUID.fromString("0190e5c2-8a8b-7c1e-9a55-3c1f0e7d2b4a"));

    @Test
    void theStagingTableIsNamedForTheTableIntervalEndAndRun() {
        assertThat(STAGE).isEqualTo("stage_events_20260301110000_0190e5c2");
        assertThat(TableSql.stageTableName("t".repeat(63), Instant.EPOCH, UUID.randomUUID())).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void varcharPropertiesBecomeWideVarcharColumnsWithAnInformationalKey() {
        TableSql sql = sql("varchar", EVENTS);

        assertThat(sql.createTarget()).isEqualTo("create table if not exists \"analytics\".\"events\" (\"uuid\" varchar(36),"
                + " \"event\" varchar(65535), \"properties\" varchar(65535), \"timestamp\" timestamptz, primary key (\"uuid\"))");
        assertThat(sql.createStage()).isEqualTo("create table \"analytics\".\"" + STAGE + "\" (\"uuid\" varchar(36),"
                + " \"event\" varchar(65535), \"properties\" varchar(65535), \"timestamp\" timestamptz)");
        assertThat(sql.merge()).containsExactly(
                "lock \"analytics\".\"events\"",
                "delete from \"analytics\".\"events\" using \"analytics\".\"" + STAGE + "\" where \"analytics\".\"events\".\"uuid\" = \"analytics\".\""
                        + STAGE + "\".\"uuid\"",
                "insert into \"analytics\".\"events\" (\"uuid\", \"event\", \"properties\", \"timestamp\") select \"uuid\", \"event\","
                        + " \"properties\", \"timestamp\" from (select *, row_number() over (partition by \"uuid\") as sluice_row_number"
                        + " from \"analytics\".\"" + STAGE + "\") as staged where sluice_row_number = 1");
        assertThat(sql.countStagedKeys()).isEqualTo("select count(distinct \"uuid\") from \"analytics\".\"" + STAGE + "\"");
        assertThat(sql.dropStage()).isEqualTo("drop table if exists \"analytics\".\"" + STAGE + "\"");
    }

    @Test
    void superPropertiesAreStagedAsVarcharAndParsedIntoSuperColumnsByTheMerge() {
        TableSql sql = sql("super", EVENTS);

        assertThat(sql.createTarget()).contains("\"properties\" super").contains("\"event\" varchar(65535)");
        assertThat(sql.createStage()).contains("\"properties\" varchar(65535)").doesNotContain("super");
        assertThat(sql.merge().get(2)).isEqualTo("insert into \"analytics\".\"events\" (\"uuid\", \"event\", \"properties\", \"timestamp\")"
                + " select \"uuid\", \"event\", json_parse(\"properties\"), \"timestamp\" from (select *, row_number() over"
                + " (partition by \"uuid\") as sluice_row_number from \"analytics\".\"" + STAGE + "\") as staged where sluice_row_number = 1");
    }

    @Test
    void personsDropOlderStagedVersionsBeforeReplacingByPersonIdAndInsertTheNewestStagedVersionOnce() {
        List<String> merge = sql("varchar", PERSONS).merge();
        String stage = "\"analytics\".\"" + STAGE + "\"";
        String target = "\"analytics\".\"events\"";

        assertThat(merge).containsExactly(
                "lock " + target,
                "delete from " + stage + " using " + target + " where " + stage + ".\"person_id\" = " + target + ".\"person_id\" and "
                        + stage + ".\"version\" < " + target + ".\"version\"",
                "delete from " + target + " using " + stage + " where " + target + ".\"person_id\" = " + stage + ".\"person_id\"",
                "insert into " + target + " (\"person_id\", \"properties\", \"version\") select \"person_id\", \"properties\", \"version\""
                        + " from (select *, row_number() over (partition by \"person_id\" order by \"version\" desc) as sluice_row_number from "
                        + stage + ") as staged where sluice_row_number = 1");
    }

    @Test
    void rowsAreInsertedInBoundedMultiRowChunks() {
        TableSql sql = sql("varchar", EVENTS);
        InsertStageLoader loader = (InsertStageLoader) new RedshiftDialect().loader();

        assertThat(sql.insertIntoStage(2)).isEqualTo("insert into \"analytics\".\"" + STAGE + "\" (\"uuid\", \"event\", \"properties\","
                + " \"timestamp\") values (?, ?, ?, ?), (?, ?, ?, ?)");
        assertThat(loader.rowsPerChunk(4)).isEqualTo(RedshiftDialect.CHUNK_ROWS);
        assertThat(loader.rowsPerChunk(100) * 100).isLessThanOrEqualTo(32_767);
    }

    @Test
    void redshiftDefaultsToPort5439() {
        PostgresConfig config = PostgresConfig.parse(Map.of("host", "cluster.example", "database", "dev", "user", "u",
                "table_name", "events"), "Redshift", new RedshiftDialect().defaultPort());
        assertThat(config.port()).isEqualTo(5439);
        assertThat(config.schema()).isEqualTo("public");
    }

    private static TableSql sql(String propertiesType, TableColumns columns) {
        PostgresConfig config = PostgresConfig.parse(Map.of("host", "cluster.example", "database", "dev", "schema", "analytics",
                "user", "u", "password", "p", "table_name", "events", "properties_data_type", propertiesType), "Redshift", 5439);
        return new TableSql(new RedshiftDialect(), config, columns, STAGE);
    }
}
