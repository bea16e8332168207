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
 * ones, so the newer version is kept. A retried interval therefore never duplicates a row.
 */
public final class TableSql {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int STAGE_TABLE_PREFIX = 30;

    private final TableDialect dialect;
    private final PostgresConfig config;
    private final TableColumns columns;
    private final String target;
    private final String stage;

    public TableSql(TableDialect dialect, PostgresConfig config, TableColumns columns, String stageTable) {
        this.dialect = dialect;
        this.config = config;
        this.columns = columns;
        this.target = SqlIdentifiers.qualified(config.schema(), config.table());
        this.stage = SqlIdentifiers.qualified(config.schema(), stageTable);
    }

    /** {@code stage_<table>_<interval end>_<run id prefix>}, within PostgreSQL's 63-character limit. */
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

    /** The statements of the merge transaction, in order. */
    public List<String> merge() {
        String key = SqlIdentifiers.quote(columns.key());
        List<String> statements = new ArrayList<>();
        statements.add(dialect.lock(target));
        if (columns.version() != null) {
            String version = SqlIdentifiers.quote(columns.version());
            statements.add("delete from " + stage + " using " + target + " where " + stage + "." + key + " = " + target + "." + key
                    + " and " + stage + "." + version + " < " + target + "." + version);
        }
        statements.add("delete from " + target + " using " + stage + " where " + target + "." + key + " = " + stage + "." + key);
        statements.add("insert into " + target + " (" + columnList() + ") select "
                + columns.columns().stream().map(c -> dialect.fromStage(c, config)).collect(Collectors.joining(", "))
                + " from " + stage);
        return statements;
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
