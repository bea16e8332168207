package dev.sluice.destination.s3;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.TestEventStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * How long one large CSV+gzip object takes to reach the bucket with parts uploaded one by one and
 * concurrently: s3proxy in this JVM, each part upload held back by a simulated link of
 * {@code args[1]} Mbit/s (s3proxy on loopback takes no time to receive a part). Prints a table of
 * seconds and MB/s per setting. Usage: {@code S3UploadBench <events> <mbit-per-s>}.
 */
final class S3UploadBench {

    private S3UploadBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 12_000;
        double mbitPerSecond = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        Instant start = Instant.parse("2024-03-01T10:00:00Z");
        DataInterval interval = new DataInterval(start, start.plusSeconds(3600));
        ExecutionInterceptor link = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part) {
                    sleep((long) (part.contentLength() * 8 / (mbitPerSecond * 1_000_000) * 1000));
                }
            }
        };
        try (TestEventStore store = TestEventStore.start(); S3ProxyServer s3 = S3ProxyServer.start();
             RootAllocator allocator = new RootAllocator()) {
            UUID project = store.newProject();
            Random random = new Random(1);
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                byte[] pad = new byte[3000];
                random.nextBytes(pad);
                Timestamp at = Timestamp.from(start.plusMillis(i));
                rows.add(new Object[] {project, UUID.randomUUID(), "user-" + i, "{\"pad\": \"" + Base64.getEncoder().encodeToString(pad) + "\"}",
                        at, at});
            }
            store.jdbc().batchUpdate("insert into events (project_id, uuid, event, distinct_id, properties, timestamp, inserted_at)"
                    + " values (?, ?, '$pageview', ?, ?::jsonb, ?, ?)", rows);
            System.out.printf("%d events, parts of 8 MiB, simulated link %.0f Mbit/s%n", events, mbitPerSecond);
            System.out.println("concurrency  buffered  seconds   MB/s");
            for (S3UploadProperties uploads : List.of(new S3UploadProperties(1, 1), new S3UploadProperties(2, 3),
                    new S3UploadProperties(4, 5))) {
                S3Destination destination = new S3Destination(Clock.systemUTC(),
                        config -> S3ClientFactory.configure(S3Client.builder(), config, List.of(link)).build(),
                        S3Destination.DEFAULT_PART_BYTES, uploads);
                Map<String, Object> config = s3.config(s3.createBucket("bench-" + uploads.uploadConcurrency()));
                config.put("file_format", "CSV");
                config.put("compression", "gzip");
                long began = System.nanoTime();
                ExportOutcome outcome;
                try (RecordBatchStream stream = store.source(10_000).open(new SourceQuery(project, ExportModel.EVENTS, null, null, interval,
                        null), allocator)) {
                    outcome = destination.write(new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), project, interval,
                            ExportModel.EVENTS, config, null), stream, checkpoint -> { });
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                System.out.printf("%11d  %8d  %7.1f  %5.1f%n", uploads.uploadConcurrency(), uploads.maxBufferedParts(), seconds,
                        outcome.bytes() / 1e6 / seconds);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
