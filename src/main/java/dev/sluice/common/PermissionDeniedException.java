package dev.sluice.common;

/** The caller is known but their role is too low: a 403 {@code permission_denied}. */
public class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String detail) {
        super(detail);
    }
}
