package dev.sluice.common;

/** A request that contradicts the current state: a 409 {@code conflict}. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
