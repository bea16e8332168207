package dev.sluice.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostHog-style {@code /batch} endpoint that answers 503 to its first {@code unavailable} posts,
 * then 200, keeping the uuid of every event it accepted (duplicates kept).
 */
final class FlakyReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger unavailable;
    final AtomicInteger refused = new AtomicInteger();
    final List<String> uuids = new CopyOnWriteArrayList<>();

    private FlakyReceiver(int unavailable) {
        this.unavailable = new AtomicInteger(unavailable);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/batch", this::handle);
        server.start();
    }

    static FlakyReceiver unavailableFor(int posts) {
        return new FlakyReceiver(posts);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/batch";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (unavailable.getAndDecrement() > 0) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            for (JsonNode event : JSON.readTree(body).get("batch")) {
                uuids.add(event.get("uuid").asText());
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
