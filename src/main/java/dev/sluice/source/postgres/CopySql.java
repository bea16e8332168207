package dev.sluice.source.postgres;

import dev.sluice.source.InvalidSourceQueryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@link BoundSql} select as a {@code COPY (...) TO STDOUT (FORMAT binary)} statement. COPY takes
 * no bind parameters, so the values never enter the statement's text: a prepared statement first
 * stores each value, bound as usual, in a transaction-local setting ({@code set_config(name, ?, true)}),
 * and the COPY reads it back with {@code current_setting(name)} cast to the value's type. Only
 * whitelisted SQL (see {@link SourceTable}) and those fixed setting names make up the COPY's text.
 *
 * @param setup the prepared statement that stores the values, with them in placeholder order;
 *              null when the select has no values
 * @param copy  the COPY statement
 */
record CopySql(BoundSql setup, String copy) {

    private static final String SETTING_PREFIX = "sluice_source.p";

    static CopySql of(BoundSql select) {
        List<Object> params = select.params();
        StringBuilder copy = new StringBuilder("copy (");
        StringBuilder setup = new StringBuilder("select ");
        List<Object> setupParams = new ArrayList<>();
        String sql = select.sql();
        int used = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch != '?') {
                copy.append(ch);
                continue;
            }
            if (used == params.size()) {
                throw new IllegalArgumentException("the select has more placeholders than values");
            }
            Object value = params.get(used++);
            String name = SETTING_PREFIX + used;
            if (used > 1) {
                setup.append(", ");
            }
            setup.append("set_config('").append(name).append("', ").append(storedAs(value)).append(", true)");
            setupParams.add(value);
            copy.append("current_setting('").append(name).append("')").append(castOf(value));
        }
        if (used != params.size()) {
            throw new IllegalArgumentException("the select has more values than placeholders");
        }
        copy.append(") to stdout (format binary)");
        return new CopySql(used == 0 ? null : new BoundSql(setup.toString(), setupParams), copy.toString());
    }

    /** How a value is bound in the setup statement: as text, arrays in PostgreSQL's own array syntax. */
    private static String storedAs(Object value) {
        if (value instanceof TextArray array) {
            array.values().forEach(CopySql::requireNoNul);
            return "(?::text[])::text";
        }
        if (value instanceof String text) {
            requireNoNul(text);
        }
        return value instanceof Instant ? "(?::timestamptz)::text" : "?::text";
    }

    private static String castOf(Object value) {
        if (value instanceof String) {
            return "";
        }
        if (value instanceof UUID) {
            return "::uuid";
        }
        if (value instanceof Instant) {
            return "::timestamptz";
        }
        if (value instanceof TextArray) {
            return "::text[]";
        }
        if (value instanceof Long) {
            return "::bigint";
        }
        throw new IllegalArgumentException("unsupported parameter type " + (value == null ? "null" : value.getClass().getName()));
    }

    /** PostgreSQL text never holds U+0000, so no event name, property key or value with one can match anything. */
    private static void requireNoNul(String text) {
        if (text != null && text.indexOf('\0') >= 0) {
            throw new InvalidSourceQueryException("An event name, property key or filter value contains the NUL character (U+0000),"
                    + " which PostgreSQL text cannot hold; remove it from the export's fields and filters.");
        }
    }
}
