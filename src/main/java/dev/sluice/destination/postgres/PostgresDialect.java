package dev.sluice.destination.postgres;

import dev.sluice.destination.DestinationType;

/** PostgreSQL: uuid, text, jsonb, timestamptz columns; rows reach the stage through {@code COPY ... FROM STDIN}. */
final class PostgresDialect implements TableDialect {

    private final StageLoader loader = new CopyStageLoader();

    @Override
    public DestinationType type() {
        return DestinationType.POSTGRES;
    }

    @Override
    public int defaultPort() {
        return 5432;
    }

    @Override
    public String targetType(TableColumn column, PostgresConfig config) {
        return switch (column.kind()) {
            case TEXT -> "text";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case TIMESTAMP -> "timestamptz";
            case BIGINT -> "bigint";
            case INTEGER -> "integer";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
        };
    }

    @Override
    public String lock(String qualifiedTarget) {
        return "lock table " + qualifiedTarget + " in share row exclusive mode";
    }

    @Override
    public StageLoader loader() {
        return loader;
    }
}
