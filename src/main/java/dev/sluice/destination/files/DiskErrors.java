package dev.sluice.destination.files;

import dev.sluice.destination.DestinationUserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;

/**
 * Sorts disk errors into those a user must fix (permission denied, not a directory, read-only),
 * reported as {@link DestinationUserException} and never retried, and the rest, which propagate to
 * be retried.
 */
final class DiskErrors {

    private DiskErrors() {
    }

    static RuntimeException translate(IOException e, String path) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : "";
        if (e instanceof AccessDeniedException || reason.contains("Permission denied") || reason.contains("Operation not permitted")) {
            return new DestinationUserException("Sluice may not write to the Files path '" + path + "': permission denied.", e);
        }
        if (e instanceof NotDirectoryException || reason.contains("Not a directory")) {
            return new DestinationUserException("The Files path '" + path + "' runs through a file where a directory is needed.", e);
        }
        if (reason.contains("Read-only file system")) {
            return new DestinationUserException("The Files path '" + path + "' is on a read-only file system.", e);
        }
        return new UncheckedIOException("Writing to the Files path '" + path + "' failed: " + e.getMessage(), e);
    }
}
