package dev.sluice.common;

import java.io.IOException;

/** Thrown while reading a request body that exceeds {@code sluice.api.max-body-size}: a 413. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long maxBytes) {
        super("The request body is larger than the limit of " + maxBytes + " bytes.");
    }
}
