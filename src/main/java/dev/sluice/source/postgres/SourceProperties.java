package dev.sluice.source.postgres;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the Postgres event source streams an interval.
 *
 * @param batchRows rows per Arrow record batch read from the binary COPY: with the export's queue
 *                  ({@code sluice.export.buffer-bytes}) it bounds the rows held in memory at once,
 *                  whatever the interval's size
 */
@ConfigurationProperties("sluice.source")
public record SourceProperties(@DefaultValue("10000") int batchRows) {

    public SourceProperties {
        if (batchRows < 1) {
            throw new IllegalArgumentException("sluice.source.batch-rows must be at least 1, got " + batchRows);
        }
    }
}
