package dev.sluice.destination.bigquery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one statement that moves a loaded staging table into the target: a {@code MERGE} on the
 * model's key, atomic by itself. Events replace the row with the same {@code uuid}; persons replace
 * the row with the same {@code person_id} unless the stored {@code version} is newer. The stage is
 * first reduced to one row per key (the newest version for persons), since a MERGE refuses to
 * match a target row twice. JSON texts are parsed into JSON columns with {@code use_json_type}.
 * Identifiers are backtick-quoted and checked by {@link BigQueryNames}, so none can close a quote.
 */
final class BigQuerySql {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final int STAGE_TABLE_PREFIX = 200;

    private BigQuerySql() {
    }

    /** {@code <table>_sluice_stage_<interval end>_<run id prefix>}: one per run and interval, in the target's dataset. */
    static String stageTableName(String table, Instant intervalEnd, UUID runId) {
        String prefix = table.length() > STAGE_TABLE_PREFIX ? table.substring(0, STAGE_TABLE_PREFIX) : table;
        return prefix + "_sluice_stage_" + COMPACT.format(intervalEnd) + "_" + runId.toString().replace("-", "").substring(0, 8);
    }

    static String table(String project, String dataset, String table) {
        return "`" + project + "." + dataset + "." + table + "`";
    }

    static String column(String name) {
        return "`" + name + "`";
    }

    static String merge(BigQueryColumns columns, String target, String stage) {
        String key = column(columns.key());
        String order = columns.version() == null ? "" : " ORDER BY " + column(columns.version()) + " DESC";
        StringBuilder sql = new StringBuilder()
                .append("MERGE ").append(target).append(" AS target\n")
                .append("USING (SELECT * FROM ").append(stage)
                .append(" WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY ").append(key).append(order).append(") = 1) AS stage\n")
                .append("ON target.").append(key).append(" = stage.").append(key).append('\n');
        List<BigQueryColumns.Column> updated = columns.columns().stream().filter(c -> !c.name().equals(columns.key())).toList();
        if (!updated.isEmpty()) {
            sql.append("WHEN MATCHED");
            if (columns.version() != null) {
                String version = column(columns.version());
                sql.append(" AND NOT IFNULL(stage.").append(version).append(" < target.").append(version).append(", FALSE)");
            }
            sql.append(" THEN UPDATE SET ")
                    .append(updated.stream().map(c -> column(c.name()) + " = " + value(columns, c)).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        sql.append("WHEN NOT MATCHED THEN INSERT (")
                .append(columns.columns().stream().map(c -> column(c.name())).collect(Collectors.joining(", ")))
                .append(") VALUES (")
                .append(columns.columns().stream().map(c -> value(columns, c)).collect(Collectors.joining(", ")))
                .append(')');
        return sql.toString();
    }

    /** A staged value as the target column takes it: JSON texts parsed when the column is JSON (large numbers rounded, not refused). */
    private static String value(BigQueryColumns columns, BigQueryColumns.Column column) {
        String staged = "stage." + column(column.name());
        return columns.targetType(column) == com.google.cloud.bigquery.StandardSQLTypeName.JSON
                ? "PARSE_JSON(" + staged + ", wide_number_mode => 'round')"
                : staged;
    }
}
