package dev.sluice.source.postgres;

/** A column a model offers to exports: its SQL, how it maps to Arrow, and whether it can be null. */
record ModelColumn(String sql, ColumnKind kind, boolean nullable) {
}
