package dev.sluice.destination.redshift;

import dev.sluice.destination.DestinationType;
import dev.sluice.destination.postgres.InsertStageLoader;
import dev.sluice.destination.postgres.PostgresConfig;
import dev.sluice.destination.postgres.StageLoader;
import dev.sluice.destination.postgres.TableColumn;
import dev.sluice.destination.postgres.TableDialect;
import dev.sluice.destination.postgres.ValueKind;

/**
 * Redshift's differences from PostgreSQL. No uuid or jsonb types: uuids are {@code varchar(36)},
 * text is {@code varchar(65535)} (Redshift's {@code text} is only 256 bytes), and JSON is
 * {@code varchar(65535)} or, with {@code properties_data_type = super}, {@code SUPER}, staged as
 * varchar and parsed with {@code JSON_PARSE} by the merge. No {@code COPY FROM STDIN}: rows reach
 * the stage as multi-row inserts of at most 1000 rows or 8 MB.
 */
final class RedshiftDialect implements TableDialect {

    static final int CHUNK_ROWS = 1000;
    static final long CHUNK_BYTES = 8L * 1024 * 1024;
    private static final String LONG_TEXT = "varchar(65535)";

    private final StageLoader loader = new InsertStageLoader(CHUNK_ROWS, CHUNK_BYTES);

    @Override
    public DestinationType type() {
        return DestinationType.REDSHIFT;
    }

    @Override
    public int defaultPort() {
        return 5439;
    }

    @Override
    public String targetType(TableColumn column, PostgresConfig config) {
        if (column.kind() == ValueKind.JSON && config.propertiesDataType().equals("super")) {
            return "super";
        }
        return stageType(column, config);
    }

    @Override
    public String stageType(TableColumn column, PostgresConfig config) {
        return switch (column.kind()) {
            case TEXT, JSON -> LONG_TEXT;
            case UUID -> "varchar(36)";
            case TIMESTAMP -> "timestamptz";
            case BIGINT -> "bigint";
            case INTEGER -> "integer";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
        };
    }

    @Override
    public String fromStage(TableColumn column, PostgresConfig config) {
        if (column.kind() == ValueKind.JSON && config.propertiesDataType().equals("super")) {
            return "json_parse(" + column.quoted() + ")";
        }
        return column.quoted();
    }

    @Override
    public String lock(String qualifiedTarget) {
        return "lock " + qualifiedTarget;
    }

    @Override
    public StageLoader loader() {
        return loader;
    }
}
