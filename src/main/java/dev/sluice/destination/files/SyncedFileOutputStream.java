package dev.sluice.destination.files;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** A file stream that forces its contents to disk before closing, so a file moved into place is whole. */
final class SyncedFileOutputStream extends FileOutputStream {

    private boolean closed;

    SyncedFileOutputStream(Path file) throws IOException {
        super(file.toFile());
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            getFD().sync();
        } finally {
            super.close();
        }
    }
}
