package dev.sluice.destination.s3;

import java.io.OutputStream;

/**
 * The stream a Parquet writer writes one object to: each time the bytes reach the part size they
 * are handed to the uploads as the next part, and the writer goes on filling a new buffer;
 * {@link #finish()} hands over the rest as the last part. A Parquet file cannot be continued after a
 * crash, so its parts carry no rows of their own.
 */
final class UploadingStream extends OutputStream {

    private final ObjectUpload upload;
    private final PartUploads uploads;
    private final PartSizes sizes;
    private final Runnable afterPart;
    private PartBuffer buffer;

    UploadingStream(ObjectUpload upload, PartUploads uploads, PartSizes sizes, Runnable afterPart) {
        this.upload = upload;
        this.uploads = uploads;
        this.sizes = sizes;
        this.afterPart = afterPart;
        this.buffer = new PartBuffer(sizes.initialCapacity());
    }

    @Override
    public void write(int b) {
        buffer.write(b);
        uploadIfFull();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        buffer.write(b, off, len);
        uploadIfFull();
    }

    private void uploadIfFull() {
        if (buffer.size() >= sizes.forPart(upload.nextPartNumber())) {
            upload.upload(uploads, buffer, 0, null);
            buffer = new PartBuffer(sizes.initialCapacity());
            afterPart.run();
        }
    }

    /** Uploads what is left as the last part (an object needs at least one part). */
    void finish() {
        if (buffer.size() > 0 || !upload.hasParts()) {
            upload.upload(uploads, buffer, 0, null);
            buffer = new PartBuffer(0);
        }
    }
}
