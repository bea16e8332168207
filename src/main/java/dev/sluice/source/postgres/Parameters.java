package dev.sluice.source.postgres;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Binds {@link BoundSql} values to a statement by type. */
final class Parameters {

    private Parameters() {
    }

    static void bind(PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            int index = i + 1;
            Object value = params.get(i);
            if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof Long n) {
                statement.setLong(index, n);
            } else if (value instanceof UUID u) {
                statement.setObject(index, u);
            } else if (value instanceof Instant t) {
                statement.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            } else if (value instanceof TextArray a) {
                statement.setArray(index, statement.getConnection().createArrayOf("text", a.values().toArray()));
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + (value == null ? "null" : value.getClass().getName()));
            }
        }
    }
}
