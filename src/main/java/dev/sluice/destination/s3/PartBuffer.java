package dev.sluice.destination.s3;

import java.io.ByteArrayOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/** The bytes of one part, collected in memory until they are uploaded. */
final class PartBuffer extends ByteArrayOutputStream {

    PartBuffer(int initialSize) {
        super(initialSize);
    }

    RequestBody body() {
        return RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(buf, 0, count));
    }

    @Override
    public void close() {
        // the bytes stay readable after a writer closes the stream
    }
}
