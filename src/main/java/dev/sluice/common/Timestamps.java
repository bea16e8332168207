package dev.sluice.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parses ISO-8601 timestamps given by callers, with errors that name the field. */
public final class Timestamps {

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Timestamps() {
    }

    /**
     * {@code 2026-11-20T13:00:00Z}, with an offset ({@code +01:00}) or without one (read as UTC);
     * null or blank gives null.
     */
    public static Instant parse(String attr, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        Instant t;
        try {
            t = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException withoutOffset) {
            try {
                t = LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw new BadRequestException(attr, attr + " must be an ISO-8601 timestamp such as 2026-11-20T13:00:00Z.");
            }
        }
        if (t.isBefore(MIN) || t.isAfter(MAX)) {
            throw new BadRequestException(attr, attr + " must lie between the years 1 and 9999.");
        }
        return t;
    }
}
