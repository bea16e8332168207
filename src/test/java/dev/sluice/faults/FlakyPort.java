package dev.sluice.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP port in front of a real server (a PostgreSQL, s3proxy) that can go down — new
 * connections are cut at once and open ones are cut — and come back, so a destination configured
 * with it sees the server unavailable for a while, then back. The port stays bound the whole time,
 * so no other process can take its number while it is down.
 */
final class FlakyPort implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flaky-port");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean up;

    private FlakyPort(int target, ServerSocket server) {
        this.target = target;
        this.server = server;
        threads.submit(this::accept);
    }

    /** A port forwarding to {@code target}, down until {@link #up()}. */
    static FlakyPort inFrontOf(int target) {
        try {
            return new FlakyPort(target, new ServerSocket(0, 50, LOOPBACK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    void up() {
        up = true;
    }

    /** Cuts new connections at once and the open ones. */
    void down() {
        up = false;
        open.forEach(FlakyPort::closeQuietly);
        open.clear();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(LOOPBACK, target);
                open.add(client);
                open.add(upstream);
                threads.submit(() -> pipe(client, upstream));
                threads.submit(() -> pipe(upstream, client));
            } catch (IOException e) {
                // the port closed, or the upstream server refused
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or the port went down
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        down();
        closeQuietly(server);
        threads.shutdownNow();
    }
}
