package dev.sluice.source;

/**
 * A source query the export's own settings make impossible (an unknown field, an unsupported
 * filter). The message is a sentence for a person; retrying cannot help.
 */
public class InvalidSourceQueryException extends RuntimeException {

    public InvalidSourceQueryException(String message) {
        super(message);
    }
}
