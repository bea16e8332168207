package dev.sluice.destination.files;

import dev.sluice.destination.DestinationUserException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a user's relative path inside the base directory, one segment at a time, creating
 * missing directories. An absolute path, a {@code ..} segment, or an existing entry (symbolic link
 * or not) whose real path lies outside the base is refused, so nothing is created or written
 * outside it.
 */
final class ConfinedDirectories {

    private ConfinedDirectories() {
    }

    /** The base directory's real path, created if missing. */
    static Path base(Path baseDir) throws IOException {
        Files.createDirectories(baseDir);
        return baseDir.toRealPath();
    }

    /**
     * The real path of {@code relative} under {@code realBase}; directories it had to create are
     * appended to {@code created}, parents first.
     */
    static Path resolve(Path realBase, String relative, List<Path> created) throws IOException {
        Path current = realBase;
        for (String segment : segments(relative)) {
            current = child(realBase, current, segment, relative, created);
        }
        return current;
    }

    /** The real path of directory {@code name} in {@code parent}, created if missing, refused if it leaves the base. */
    static Path child(Path realBase, Path parent, String name, String relative, List<Path> created) throws IOException {
        Path next;
        try {
            next = parent.resolve(name);
        } catch (InvalidPathException e) {
            throw new DestinationUserException("The Files path '" + relative + "' is not a valid path: " + e.getReason() + ".");
        }
        if (!Files.exists(next)) {
            if (Files.isSymbolicLink(next)) {
                throw outside(relative);
            }
            try {
                Files.createDirectory(next);
                created.add(next);
                return next;
            } catch (FileAlreadyExistsException raced) {
                // created concurrently: check what is there now, like any existing entry
            }
        }
        Path real = next.toRealPath();
        if (!real.startsWith(realBase)) {
            throw outside(relative);
        }
        if (!Files.isDirectory(real)) {
            throw new DestinationUserException("The Files path '" + relative + "' names a file, not a directory.");
        }
        return real;
    }

    private static List<String> segments(String relative) {
        String normalised = relative.replace('\\', '/');
        if (normalised.startsWith("/") || normalised.matches("^[A-Za-z]:.*")) {
            throw new DestinationUserException("The Files path '" + relative + "' must be relative to the exports base directory, not absolute.");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : normalised.split("/")) {
            if (segment.equals("..")) {
                throw new DestinationUserException("The Files path '" + relative + "' must not contain '..'.");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments;
    }

    private static DestinationUserException outside(String relative) {
        return new DestinationUserException("The Files path '" + relative
                + "' leads outside the exports base directory through a symbolic link.");
    }
}
