package dev.sluice.destination.postgres;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The statements of one load: create the target if missing, create the run's staging table, fill
 * it, merge it into the target in one transaction, drop it. Every identifier is quoted.
 *
 * <p>The merge replaces the target's rows by key: events by {@code uuid}; persons by
 * {@code person_id}, after first dropping staged persons older ({@code version}) than the stored
 * ones, so the newer version is kept. A retried interval therefore never duplicates a row, and
 * neither does a row staged twice.
 */
public final class TableSql {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int STAGE_TABLE_PREFIX = 30;
    private static final String ROW_NUMBER = "sluice_row_number";

    private final TableDialect dialect;
    private final PostgresConfig config;
    private final TableColumns columns;
    private final String target;
    private final String stage;
    private final String stageTable;

    public TableSql(TableDialect dialect, PostgresConfig config, TableColumns columns, String stageTable) {
        this.dialect = dialect;
        this.config = config;
        this.columns = columns;
        this.target = SqlIdentifiers.qualified(config.schema(), config.table());
        this.stage = SqlIdentifiers.qualified(config.schema(), stageTable);
        this.stageTable = stageTable;
    }

    /**
     * {@code stage_<table>_<interval end>_<run id prefix>}, within PostgreSQL's 63-character limit:
     * the same for every attempt of a run, so a resumed attempt finds the rows staged before.
     */
    public static String stageTableName(String table, Instant intervalEnd, UUID runId) {
        String prefix = table.length() > STAGE_TABLE_PREFIX ? table.substring(0, STAGE_TABLE_PREFIX) : table;
        return "stage_" + prefix + "_" + COMPACT.format(intervalEnd) + "_" + runId.toString().replace("-", "").substring(0, 8);
    }

    public String createTarget() {
        return "create table if not exists " + target + " ("
                + columns.columns().stream().map(c -> c.quoted() + " " + dialect.targetType(c, config)).collect(Collectors.joining(", "))
                + ", primary key (" + SqlIdentifiers.quote(columns.key()) + "))";
    }

    public String createStage() {
        return "create table " + stage + " ("
                + columns.columns().stream().map(c -> c.quoted() + " " + dialect.stageType(c, config)).collect(Collectors.joining(", "))
                + ")";
    }

    public String dropStage() {
        return "drop table if exists " + stage;
    }

    public String copyIntoStage() {
        return "copy " + stage + " (" + columnList() + ") from stdin with (format csv)";
    }

    /** A multi-row insert of {@code rows} rows into the stage, one {@code ?} per value. */
    public String insertIntoStage(int rows) {
        String row = "(" + columns.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        StringBuilder sql = new StringBuilder("insert into ").append(stage).append(" (").append(columnList()).append(") values ");
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(row);
        }
        return sql.toString();
    }

    /**
     * The number of distinct keys staged: the interval's rows, however often a resumed load staged
     * some of them.
     */
    public String countStagedKeys() {
        return "select count(distinct " + SqlIdentifiers.quote(columns.key()) + ") from " + stage;
    }

    /**
     * The statements of the merge transaction, in order. A row may be staged twice (a load resumed
     * from a checkpoint older than its last committed chunk), so one row per key is inserted: the
     * newest version of a person, any copy of an event.
     */
    public List<String> merge() {
        String key = SqlIdentifiers.quote(columns.key());
        String version = columns.version() == null ? null : SqlIdentifiers.quote(columns.version());
        List<String> statements = new ArrayList<>();
        statements.add(dialect.lock(target));
        if (version != null) {
            statements.add("delete from " + stage + " using " + target + " where " + stage + "." + key + " = " + target + "." + key
                    + " and " + stage + "." + version + " < " + target + "." + version);
        }
        statements.add("delete from " + target + " using " + stage + " where " + target + "." + key + " = " + stage + "." + key);
        String window = "row_number() over (partition by " + key + (version == null ? "" : " order by " + version + " desc") + ")";
        statements.add("insert into " + target + " (" + columnList() + ") select "
                + columns.columns().stream().map(c -> dialect.fromStage(c, config)).collect(Collectors.joining(", "))
                + " from (select *, " + window + " as " + ROW_NUMBER + " from " + stage + ") as staged where " + ROW_NUMBER + " = 1");
        return statements;
    }

    public String stageTable() {
        return stageTable;
    }

    public String target() {
        return target;
    }

    public TableColumns columns() {
        return columns;
    }

    private String columnList() {
        return columns.columns().stream().map(TableColumn::quoted).collect(Collectors.joining(", "));
    }
}
