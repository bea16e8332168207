package dev.sluice.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP port in front of a real server (a PostgreSQL, s3proxy) that can go down — the port
 * refuses connections and open ones are cut — and come back on the same port number, so a
 * destination configured with it sees the server unavailable for a while, then back.
 */
final class FlakyPort implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flaky-port");
        t.setDaemon(true);
        return t;
    });
    private ServerSocket server;

    private FlakyPort(int target, int port) {
        this.target = target;
        this.port = port;
    }

    /** A port forwarding to {@code target}, down until {@link #up()}. */
    static FlakyPort inFrontOf(int target) {
        try (ServerSocket free = new ServerSocket(0, 1, LOOPBACK)) {
            return new FlakyPort(target, free.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            server = socket;
            threads.submit(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses new connections and cuts the open ones. */
    synchronized void down() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        open.forEach(FlakyPort::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(LOOPBACK, target);
                open.add(client);
                open.add(upstream);
                threads.submit(() -> pipe(client, upstream));
                threads.submit(() -> pipe(upstream, client));
            } catch (IOException e) {
                // the port went down
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
        threads.shutdownNow();
    }
}
