package dev.sluice.destination.snowflake;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ErrorDetails;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts Snowflake's errors, by the error code the server or driver attaches
 * ({@link SQLException#getErrorCode()}) and the SQLSTATE, into those the user must fix — a
 * refused login, an unknown account, a missing database, schema, warehouse, role or table, a
 * missing privilege, rows the table cannot take — reported as {@link DestinationUserException}
 * and never retried, and the rest (network failures, HTTP 5xx, throttling, timeouts, aborted
 * transactions), which propagate to be retried. Every secret of the config is scrubbed from the
 * driver's text, and the driver's exception is not kept as a cause.
 */
final class SnowflakeErrors {

    static final int INCORRECT_USERNAME_OR_PASSWORD = 390100;
    static final int JWT_TOKEN_INVALID = 390144;
    static final int ROLE_NOT_AUTHORIZED = 390189;
    static final int OBJECT_NOT_AUTHORIZED_AT_LOGIN = 390201;
    static final int OBJECT_DOES_NOT_EXIST = 2003;
    static final int OBJECT_CANNOT_BE_USED = 2043;
    static final int INSUFFICIENT_PRIVILEGES = 3001;
    static final int NO_ACTIVE_WAREHOUSE = 606;

    /** The driver's text for an HTTP answer that is not JSON, e.g. "HTTP status=403". */
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP status=(\\d{3})");
    /** Statuses that no retry changes: an unknown account or a blocked login; 5xx and 429 are retried. */
    private static final Set<String> REFUSED_HTTP_STATUSES = Set.of("400", "401", "403", "404");

    private SnowflakeErrors() {
    }

    static RuntimeException translate(SQLException e, SnowflakeConfig config) {
        int code = e.getErrorCode();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = ErrorDetails.scrub(e.getMessage(), config.secrets());
        String account = "Snowflake account '" + config.account() + "'";
        if (ErrorDetails.hasCause(e, UnknownHostException.class)) {
            return new DestinationUserException("The " + account + " could not be found: no host " + SnowflakeNames.host(config.account())
                    + " exists. Check the account identifier (e.g. xy12345.eu-central-1 or myorg-myaccount).");
        }
        Matcher http = HTTP_STATUS.matcher(detail);
        if (http.find() && REFUSED_HTTP_STATUSES.contains(http.group(1))) {
            return new DestinationUserException("The " + account + " refused the connection with HTTP status " + http.group(1)
                    + ": check the account identifier, and any network policy that limits where its users may log in from.");
        }
        if (code == INCORRECT_USERNAME_OR_PASSWORD) {
            return new DestinationUserException("The " + account + " refused the login of user '" + config.user()
                    + "': check the user name and password.");
        }
        if (code == JWT_TOKEN_INVALID) {
            return new DestinationUserException("The " + account + " refused the key-pair login of user '" + config.user()
                    + "': check that the user's RSA_PUBLIC_KEY belongs to this private key.");
        }
        if (code == ROLE_NOT_AUTHORIZED) {
            return new DestinationUserException("The role '" + config.role() + "' does not exist in the " + account
                    + " or is not granted to user '" + config.user() + "'.");
        }
        if (code == OBJECT_NOT_AUTHORIZED_AT_LOGIN) {
            return new DestinationUserException("The database '" + config.database() + "', schema '" + config.schema() + "' or warehouse '"
                    + config.warehouse() + "' does not exist or user '" + config.user() + "' may not use it: " + detail);
        }
        if (state.startsWith("28")) {
            return new DestinationUserException("The " + account + " refused the login of user '" + config.user() + "': " + detail);
        }
        if (code == NO_ACTIVE_WAREHOUSE) {
            return new DestinationUserException("The warehouse '" + config.warehouse() + "' does not exist or the role cannot use it: "
                    + "grant USAGE on it, or check its name.");
        }
        if (code == OBJECT_DOES_NOT_EXIST || code == OBJECT_CANNOT_BE_USED) {
            return new DestinationUserException("Snowflake cannot find an object Sluice needs, or the role may not use it"
                    + " (check database '" + config.database() + "', schema '" + config.schema() + "' and warehouse '" + config.warehouse()
                    + "' and the role's grants): " + detail);
        }
        if (code == INSUFFICIENT_PRIVILEGES || state.equals("42501")) {
            return new DestinationUserException("User '" + config.user() + "' lacks a privilege Sluice needs on " + config.describeTable()
                    + " (USAGE on the database, schema and warehouse, CREATE TABLE in the schema, and INSERT, UPDATE and SELECT on the table): "
                    + detail);
        }
        if (state.startsWith("22") || state.startsWith("42") || state.equals("0A000")) {
            return new DestinationUserException("Snowflake table " + config.describeTable()
                    + " cannot take the export's rows (does it have other columns or types?): " + detail);
        }
        return new IllegalStateException("Snowflake account '" + config.account() + "' failed" + (code == 0 ? "" : " (error " + code + ")")
                + ": " + detail);
    }
}
