package dev.sluice.destination;

/**
 * An error the user must fix (bad credentials, missing bucket or table, permission denied, invalid
 * config). The run fails at once as {@code Failed}; it is never retried. The message is a sentence
 * for a person and must not contain secrets.
 */
public class DestinationUserException extends RuntimeException {

    public DestinationUserException(String message) {
        super(message);
    }

    public DestinationUserException(String message, Throwable cause) {
        super(message, cause);
    }
}
