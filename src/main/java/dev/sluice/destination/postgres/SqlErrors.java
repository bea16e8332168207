package dev.sluice.destination.postgres;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ErrorDetails;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Collections;

/**
 * Sorts database errors by SQLSTATE into those the user must fix — a refused login, a missing
 * database or schema, a missing privilege, rows the table cannot take — reported as
 * {@link DestinationUserException} and never retried, and the rest (connection refused or lost,
 * timeouts, serialization failures, shutdowns), which propagate to be retried. The password is
 * scrubbed from every message the driver wrote, and the driver's exception is not kept as a cause.
 */
final class SqlErrors {

    private SqlErrors() {
    }

    static RuntimeException translate(SQLException e, PostgresConfig config, String destination) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = ErrorDetails.scrub(e.getMessage(), Collections.singletonList(config.password()));
        String where = config.host() + ":" + config.port();
        if (ErrorDetails.hasCause(e, UnknownHostException.class)) {
            return new DestinationUserException("The " + destination + " host '" + config.host() + "' could not be found.");
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return new DestinationUserException(destination + " at " + where + " refused the login of user '" + config.user()
                    + "' to database '" + config.database() + "': check the user name and password.");
        }
        if (state.equals("3D000")) {
            return new DestinationUserException("The database '" + config.database() + "' does not exist on " + where + ".");
        }
        if (state.equals("3F000")) {
            return new DestinationUserException("The schema '" + config.schema() + "' does not exist in database '" + config.database() + "'.");
        }
        if (state.equals("42501")) {
            return new DestinationUserException("User '" + config.user() + "' lacks a privilege Sluice needs on " + config.schema() + "."
                    + config.table() + ": " + detail);
        }
        if (state.equals("53100")) {
            return new DestinationUserException(destination + " at " + where + " is out of disk space: " + detail);
        }
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("42") || state.equals("0A000")) {
            return new DestinationUserException(destination + " table " + config.schema() + "." + config.table()
                    + " cannot take the export's rows (does it have other columns or types?): " + detail);
        }
        return new IllegalStateException(destination + " at " + where + " failed" + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")")
                + ": " + detail);
    }
}
