package dev.sluice.destination.postgres;

import dev.sluice.destination.DestinationUserException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Identifiers that go into SQL: always double-quoted, never concatenated raw. Names from the config
 * (schema, table) must be plain identifiers; column names (the export's aliases) may hold any
 * character but NUL, quotes being doubled, and must fit PostgreSQL's 63-byte limit.
 */
public final class SqlIdentifiers {

    /** A schema or table name as the config may give it. */
    public static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    static final int MAX_BYTES = 63;

    private SqlIdentifiers() {
    }

    public static boolean isPlain(String name) {
        return name != null && PLAIN.matcher(name).matches();
    }

    /** {@code name} quoted; refused when it cannot be an identifier. */
    public static String quote(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0 || name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new DestinationUserException("'" + name + "' cannot be a column or table name: names must be 1 to 63 bytes without NUL characters.");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.table}, both quoted. */
    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }
}
