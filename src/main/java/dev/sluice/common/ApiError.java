package dev.sluice.common;

import org.springframework.http.HttpStatusCode;

/**
 * The body of every 4xx/5xx answer of the REST API.
 *
 * @param type one of {@code validation_error}, {@code authentication_error}, {@code permission_denied},
 *             {@code not_found}, {@code conflict}, {@code server_error}
 * @param detail a sentence for a person; never a stack trace, never a secret
 * @param attr the field the error is about, or null
 */
public record ApiError(String type, String detail, String attr) {

    public static final String VALIDATION_ERROR = "validation_error";
    public static final String AUTHENTICATION_ERROR = "authentication_error";
    public static final String PERMISSION_DENIED = "permission_denied";
    public static final String NOT_FOUND = "not_found";
    public static final String CONFLICT = "conflict";
    public static final String SERVER_ERROR = "server_error";

    /** The error type that goes with an HTTP status. */
    public static String typeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> AUTHENTICATION_ERROR;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> status.is5xxServerError() ? SERVER_ERROR : VALIDATION_ERROR;
        };
    }

    public static ApiError of(HttpStatusCode status, String detail, String attr) {
        return new ApiError(typeFor(status), detail, attr);
    }
}
