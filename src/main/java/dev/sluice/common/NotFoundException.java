package dev.sluice.common;

/** A resource that does not exist or that the caller may not know exists: a 404 {@code not_found}. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
