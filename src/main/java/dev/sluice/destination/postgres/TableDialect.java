package dev.sluice.destination.postgres;

import dev.sluice.destination.DestinationType;

/**
 * What differs between the SQL databases that share {@link TableWriter}: column types, how a
 * staging column is read into the target, how the target is locked and how rows reach the stage.
 */
public interface TableDialect {

    DestinationType type();

    /** The destination's name in sentences, e.g. "Postgres". */
    default String displayName() {
        return type().apiValue();
    }

    int defaultPort();

    /** The target table's type for a column. */
    String targetType(TableColumn column, PostgresConfig config);

    /** The staging table's type for a column (the target's unless loading needs a plainer one). */
    default String stageType(TableColumn column, PostgresConfig config) {
        return targetType(column, config);
    }

    /** The expression that reads a staging column into the target column. */
    default String fromStage(TableColumn column, PostgresConfig config) {
        return column.quoted();
    }

    /** The statement that makes concurrent merges into the target wait for each other. */
    String lock(String qualifiedTarget);

    StageLoader loader();
}
