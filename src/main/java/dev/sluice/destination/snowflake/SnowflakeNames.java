package dev.sluice.destination.snowflake;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names as Snowflake reads them. A configured object name (database, schema, warehouse, role,
 * table) is either plain — letters, digits, {@code _} and {@code $}, starting with a letter or
 * {@code _} — which Snowflake resolves in upper case, exactly as if typed unquoted in SQL, or
 * written in double quotes to keep its case and characters ({@code "My Table"}). Sluice always
 * emits names quoted, so a plain name that is also a reserved word still works. Column names are
 * the export's aliases, quoted as given (their case is kept).
 */
public final class SnowflakeNames {

    static final int MAX_LENGTH = 255;
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,254}");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]|\"\"){1,255}\"");
    /**
     * An account identifier: {@code orgname-accountname} or an account locator with an optional
     * region and cloud ({@code xy12345}, {@code xy12345.eu-central-1}, {@code xy12345.us-east-2.aws}).
     */
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,254}(\\.[A-Za-z0-9][A-Za-z0-9-]{0,62}){0,2}");
    private static final String HOST_SUFFIX = ".snowflakecomputing.com";

    private SnowflakeNames() {
    }

    /** True when {@code name} may name a database, schema, warehouse, role or table. */
    public static boolean isObjectName(String name) {
        return name != null && (PLAIN.matcher(name).matches() || QUOTED.matcher(name).matches());
    }

    /** True when {@code account} is an account identifier, also when pasted as its URL. */
    public static boolean isAccount(String account) {
        return account != null && ACCOUNT.matcher(account(account)).matches();
    }

    /** The account identifier without {@code https://}, a trailing slash or {@code .snowflakecomputing.com}. */
    static String account(String configured) {
        String account = configured.trim();
        account = account.replaceFirst("^(?i)https?://", "");
        if (account.endsWith("/")) {
            account = account.substring(0, account.length() - 1);
        }
        if (account.toLowerCase(Locale.ROOT).endsWith(HOST_SUFFIX)) {
            account = account.substring(0, account.length() - HOST_SUFFIX.length());
        }
        return account;
    }

    /** The host of an account: {@code <account>.snowflakecomputing.com}. */
    static String host(String account) {
        return account + HOST_SUFFIX;
    }

    /** A configured object name as a quoted SQL identifier: plain names in upper case, quoted ones as written. */
    static String object(String configured) {
        if (QUOTED.matcher(configured).matches()) {
            return configured;
        }
        if (!PLAIN.matcher(configured).matches()) {
            throw new IllegalArgumentException("not a Snowflake object name: " + configured);
        }
        return "\"" + configured.toUpperCase(Locale.ROOT) + "\"";
    }

    /** A column name (an export alias) quoted, its case kept and quotes doubled. */
    static String column(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a Snowflake column name: " + name);
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
