package dev.sluice.destination.snowflake;

import dev.sluice.destination.postgres.TableColumn;
import dev.sluice.destination.postgres.TableColumns;
import dev.sluice.destination.postgres.ValueKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The statements of one Snowflake load, every identifier quoted: create the target if missing,
 * (re)create the interval's staging table (or, when resuming, find it), {@code PUT} each Parquet
 * file into its table stage and {@code COPY INTO} it by column name, naming that one file, merge
 * the stage into the target in one transaction, drop it.
 *
 * <p>The merge is a {@code MERGE} on the model's key: events by {@code uuid} (a staged event
 * replaces the stored one), persons by {@code person_id}, where a stored person is only
 * overwritten by a staged one of the same or a newer {@code version}. The staged rows are first
 * reduced to one per key ({@code QUALIFY ROW_NUMBER() ... = 1}: the newest version for persons,
 * any one of identical rows for events), since Snowflake refuses a merge in which two source rows
 * match the same target row, and since a resumed attempt may have loaded a file's rows a second
 * time (its load committed, its checkpoint was lost). A retried or resumed interval therefore
 * never duplicates a row. JSON columns are staged as text and parsed into {@code VARIANT} by the
 * merge.
 */
final class SnowflakeSql {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
    static final String FILE_FORMAT = "FILE_FORMAT = (TYPE = PARQUET USE_LOGICAL_TYPE = TRUE)";

    private final TableColumns columns;
    private final String target;
    private final String stageTable;
    private final String schema;
    private final String stage;
    private final String tableStage;

    SnowflakeSql(SnowflakeConfig config, TableColumns columns, String stageTable) {
        this.columns = columns;
        this.target = config.target();
        this.stageTable = stageTable;
        String quotedStage = SnowflakeNames.column(stageTable);
        this.schema = SnowflakeNames.object(config.database()) + "." + SnowflakeNames.object(config.schema());
        this.stage = config.qualified(quotedStage);
        this.tableStage = "@" + schema + ".%" + quotedStage;
    }

    /**
     * {@code sluice_stage_<export id prefix>_<interval end>}: one per export and interval, the
     * same for every attempt, so a resumed attempt finds the stage its predecessor filled, and a
     * fresh start replaces whatever an earlier attempt left behind.
     */
    static String stageTableName(UUID exportId, Instant intervalEnd) {
        return "sluice_stage_" + exportId.toString().replace("-", "").substring(0, 12) + "_" + COMPACT.format(intervalEnd);
    }

    static String type(ValueKind kind) {
        return switch (kind) {
            case TEXT -> "VARCHAR";
            case UUID -> "VARCHAR(36)";
            case JSON -> "VARIANT";
            case TIMESTAMP -> "TIMESTAMP_TZ";
            case BIGINT -> "NUMBER(19, 0)";
            case INTEGER -> "NUMBER(10, 0)";
            case DOUBLE -> "FLOAT";
            case BOOLEAN -> "BOOLEAN";
        };
    }

    private static String stageType(ValueKind kind) {
        return kind == ValueKind.JSON ? "VARCHAR" : type(kind);
    }

    String useWarehouse(SnowflakeConfig config) {
        return "USE WAREHOUSE " + SnowflakeNames.object(config.warehouse());
    }

    String createTarget() {
        return "CREATE TABLE IF NOT EXISTS " + target + " (" + columnDefinitions(SnowflakeSql::type) + ")";
    }

    String createStage() {
        return "CREATE OR REPLACE TRANSIENT TABLE " + stage + " (" + columnDefinitions(SnowflakeSql::stageType) + ")";
    }

    /**
     * Lists the staging table if it exists (a {@code SHOW} result with a {@code name} column; the
     * pattern's {@code _} matches any character, so the caller compares the names).
     */
    String showStage() {
        return "SHOW TABLES LIKE '" + stageTable + "' IN SCHEMA " + schema;
    }

    /** Uploads one local Parquet file to the staging table's stage; Parquet compresses inside the file. */
    String put(Path file) {
        String uri = "file://" + file.toAbsolutePath().toString().replace("\\", "/").replace("'", "\\'");
        return "PUT '" + uri + "' " + tableStage + " AUTO_COMPRESS = FALSE SOURCE_COMPRESSION = NONE OVERWRITE = TRUE";
    }

    /**
     * Loads the one staged file {@code fileName} (as {@code PUT} named it) into the staging table.
     * Naming the file keeps a file left by a crashed attempt out; Snowflake's load metadata would
     * silently skip a name it already loaded, so every attempt names its files anew.
     */
    String copyIntoStage(String fileName) {
        return "COPY INTO " + stage + " FROM " + tableStage + " FILES = ('" + fileName.replace("'", "\\'") + "') " + FILE_FORMAT
                + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE ON_ERROR = ABORT_STATEMENT PURGE = TRUE";
    }

    /** The statements of the merge transaction, in order. */
    List<String> merge() {
        String key = SnowflakeNames.column(columns.key());
        String newestFirst = columns.version() == null ? key : SnowflakeNames.column(columns.version()) + " DESC NULLS LAST";
        String source = "(SELECT * FROM " + stage + " QUALIFY ROW_NUMBER() OVER (PARTITION BY " + key + " ORDER BY " + newestFirst + ") = 1)";
        String matched = columns.version() == null ? "WHEN MATCHED"
                : "WHEN MATCHED AND (t." + SnowflakeNames.column(columns.version()) + " IS NULL OR s." + SnowflakeNames.column(columns.version())
                        + " >= t." + SnowflakeNames.column(columns.version()) + ")";
        String merge = "MERGE INTO " + target + " t USING " + source + " s ON t." + key + " = s." + key
                + " " + matched + " THEN UPDATE SET "
                + columns.columns().stream().map(c -> "t." + quoted(c) + " = " + fromStage(c)).collect(Collectors.joining(", "))
                + " WHEN NOT MATCHED THEN INSERT (" + columnList() + ") VALUES ("
                + columns.columns().stream().map(SnowflakeSql::fromStage).collect(Collectors.joining(", ")) + ")";
        return List.of("BEGIN TRANSACTION", merge, "COMMIT");
    }

    String dropStage() {
        return "DROP TABLE IF EXISTS " + stage;
    }

    String target() {
        return target;
    }

    /** The staging table's name, unquoted, as a checkpoint records it. */
    String stageTable() {
        return stageTable;
    }

    private static String fromStage(TableColumn column) {
        String staged = "s." + quoted(column);
        return column.kind() == ValueKind.JSON ? "PARSE_JSON(" + staged + ")" : staged;
    }

    private String columnDefinitions(Function<ValueKind, String> types) {
        return columns.columns().stream().map(c -> quoted(c) + " " + types.apply(c.kind())).collect(Collectors.joining(", "));
    }

    private String columnList() {
        return columns.columns().stream().map(SnowflakeSql::quoted).collect(Collectors.joining(", "));
    }

    private static String quoted(TableColumn column) {
        return SnowflakeNames.column(column.name());
    }
}
