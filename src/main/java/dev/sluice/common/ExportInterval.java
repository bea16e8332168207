package dev.sluice.common;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** How often an export runs; {@link #apiValue()} is the string of the REST API. */
public enum ExportInterval {
    FIVE_MINUTES("every 5 minutes", Duration.ofMinutes(5)),
    FIFTEEN_MINUTES("every 15 minutes", Duration.ofMinutes(15)),
    HOUR("hour", Duration.ofHours(1)),
    DAY("day", Duration.ofDays(1)),
    WEEK("week", Duration.ofDays(7));

    private final String apiValue;
    private final Duration nominalLength;

    ExportInterval(String apiValue, Duration nominalLength) {
        this.apiValue = apiValue;
        this.nominalLength = nominalLength;
    }

    public String apiValue() {
        return apiValue;
    }

    /** Length on the grid; a day or week across a DST change is an hour shorter or longer in UTC. */
    public Duration nominalLength() {
        return nominalLength;
    }

    /** Calendar intervals follow the export's time zone; sub-daily ones are fixed durations. */
    public boolean isCalendar() {
        return this == DAY || this == WEEK;
    }

    public static Optional<ExportInterval> fromApiValue(String value) {
        return Arrays.stream(values()).filter(i -> i.apiValue.equals(value)).findFirst();
    }
}
