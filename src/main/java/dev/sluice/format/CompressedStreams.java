package dev.sluice.format;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Streaming compressors for the row-oriented formats. Flushing one emits everything written so far
 * (gzip with a sync flush); closing one ends its frame and closes {@code out}.
 */
final class CompressedStreams {

    private static final int BUFFER = 64 * 1024;

    private CompressedStreams() {
    }

    static OutputStream wrap(Compression compression, OutputStream out) throws IOException {
        return switch (compression) {
            case NONE -> out;
            case GZIP -> new GZIPOutputStream(out, BUFFER, true);
            case ZSTD -> new ZstdOutputStream(out);
            case SNAPPY -> new SnappyFramedOutputStream(out);
            case LZ4 -> new LZ4FrameOutputStream(out);
        };
    }
}
