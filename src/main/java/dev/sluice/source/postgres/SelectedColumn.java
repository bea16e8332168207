package dev.sluice.source.postgres;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/** One output column: the SQL that computes it (with its own parameters) and the Arrow field it fills. */
record SelectedColumn(String alias, String sql, List<Object> params, ColumnKind kind, boolean nullable) {

    Field arrowField() {
        return kind.field(alias, nullable);
    }
}
