package dev.sluice.source;

/** Reading the event store failed (connection lost, query cancelled): worth retrying. */
public class SourceReadException extends RuntimeException {

    public SourceReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
