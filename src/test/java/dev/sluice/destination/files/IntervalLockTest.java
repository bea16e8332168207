package dev.sluice.destination.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLockTest {

    @TempDir
    Path temp;

    @Test
    void aSecondAttemptOnAnIntervalIsRefusedUntilTheFirstReleasesItWhileOtherIntervalsStayFree() throws IOException {
        Path locks = temp.resolve("locks");
        Path interval = temp.resolve("exports/a/20240301T100000Z_20240301T110000Z");
        Path other = temp.resolve("exports/a/20240301T110000Z_20240301T120000Z");

        try (IntervalLock first = IntervalLock.acquire(locks, interval)) {
            assertThatThrownBy(() -> IntervalLock.acquire(locks, interval))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Another attempt is still writing interval 20240301T100000Z_20240301T110000Z; this one will be retried.");
            IntervalLock.acquire(locks, other).close();
        }
        IntervalLock.acquire(locks, interval).close();

        assertThat(filesIn(locks)).isEmpty();
    }

    @Test
    void anAttemptInAnotherProcessOnTheSameDataDirIsRefusedWhileTheLockIsHeld() throws Exception {
        Path locks = temp.resolve("locks");
        Path interval = temp.resolve("exports/b/20240301T100000Z_20240301T110000Z");

        Process holder = start(locks, interval);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> IntervalLock.acquire(locks, interval)).isInstanceOf(IllegalStateException.class);
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        try (IntervalLock lock = IntervalLock.acquire(locks, interval)) {
            Process refused = start(locks, interval);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(refused.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("busy");
            }
            assertThat(refused.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(filesIn(locks)).isEmpty();
    }

    @Test
    void aLockFileLeftByACrashedProcessDoesNotBlockTheNextAttempt() throws IOException {
        Path locks = temp.resolve("locks");
        Path interval = temp.resolve("exports/c/20240301T100000Z_20240301T110000Z");
        Files.createDirectories(locks);
        Files.createFile(locks.resolve(IntervalLock.fileName(interval)));

        IntervalLock.acquire(locks, interval).close();

        assertThat(filesIn(locks)).isEmpty();
    }

    private static Process start(Path locks, Path interval) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), locks.toString(), interval.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /** Another process: takes the lock and prints "locked", holding it until its input ends, or prints "busy". */
    static final class Holder {

        public static void main(String[] args) throws IOException {
            IntervalLock lock;
            try {
                lock = IntervalLock.acquire(Path.of(args[0]), Path.of(args[1]));
            } catch (IllegalStateException e) {
                System.out.println("busy");
                return;
            }
            try (lock) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() != -1) {
                    // hold the lock until the test closes this process's input
                }
            }
        }
    }
}
