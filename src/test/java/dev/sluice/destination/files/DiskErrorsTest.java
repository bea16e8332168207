package dev.sluice.destination.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.destination.DestinationUserException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

class DiskErrorsTest {

    @Test
    void permissionDeniedIsAUserErrorNamingThePath() {
        RuntimeException e = DiskErrors.translate(new AccessDeniedException("/srv/exports/team"), "team");

        assertThat(e).isInstanceOf(DestinationUserException.class)
                .hasMessage("Sluice may not write to the Files path 'team': permission denied.");
    }

    @Test
    void notADirectoryAndReadOnlyFileSystemsAreUserErrors() {
        assertThat(DiskErrors.translate(new NotDirectoryException("/srv/exports/f"), "f/x")).isInstanceOf(DestinationUserException.class)
                .hasMessage("The Files path 'f/x' runs through a file where a directory is needed.");
        assertThat(DiskErrors.translate(new FileSystemException("/srv/exports/f/x", null, "Not a directory"), "f/x"))
                .isInstanceOf(DestinationUserException.class);
        assertThat(DiskErrors.translate(new FileSystemException("/mnt/ro/x", null, "Read-only file system"), "x"))
                .isInstanceOf(DestinationUserException.class).hasMessage("The Files path 'x' is on a read-only file system.");
    }

    @Test
    void otherDiskErrorsStayRetryable() {
        RuntimeException e = DiskErrors.translate(new FileSystemException("/srv/exports/x", null, "No space left on device"), "x");

        assertThat(e).isInstanceOf(UncheckedIOException.class).isNotInstanceOf(DestinationUserException.class);
        assertThat(DiskErrors.translate(new IOException("Input/output error"), "x")).isInstanceOf(UncheckedIOException.class);
    }
}
