package dev.sluice.source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much an export reads ahead of its writer ({@code sluice.export.*}).
 *
 * @param bufferBytes the most bytes of Arrow batches queued between the source's reader thread and
 *                    the destination's writer; with one batch being read and one being written
 *                    (each {@code sluice.source.batch-rows} rows) it bounds an export's Arrow memory
 */
@ConfigurationProperties("sluice.export")
public record ExportBufferProperties(@DefaultValue("64MB") DataSize bufferBytes) {

    public ExportBufferProperties {
        if (bufferBytes.toBytes() < 1) {
            throw new IllegalArgumentException("sluice.export.buffer-bytes must be positive, got " + bufferBytes);
        }
    }

    /** The defaults, for code that runs outside Spring. */
    public static ExportBufferProperties defaults() {
        return new ExportBufferProperties(DataSize.ofMegabytes(64));
    }
}
