package dev.sluice.common;

/** Bad input: becomes a 400 {@code validation_error} whose detail is this message and attr the field. */
public class BadRequestException extends RuntimeException {

    private final String attr;

    public BadRequestException(String attr, String detail) {
        super(detail);
        this.attr = attr;
    }

    public String attr() {
        return attr;
    }
}
