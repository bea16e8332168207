package dev.sluice.source.postgres;

import java.util.List;

/** SQL text with its values in placeholder order; a value is only ever bound, never spliced into the text. */
record BoundSql(String sql, List<Object> params) {
}
