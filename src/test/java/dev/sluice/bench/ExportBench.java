package dev.sluice.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import dev.sluice.common.DataInterval;
import dev.sluice.common.SluiceProperties;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.files.FilesDestination;
import dev.sluice.destination.files.FilesDestinationProperties;
import dev.sluice.source.ExportBufferProperties;
import dev.sluice.source.ExportModel;
import dev.sluice.source.PrefetchingBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.PostgresEventSource;
import dev.sluice.source.postgres.SourceProperties;
import dev.sluice.source.postgres.SourceScan;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;
import org.apache.arrow.memory.RootAllocator;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * The export benchmark behind {@code bench/export-bench} (see docs/performance.md). Loads N demo
 * events into one interval of an embedded PostgreSQL, then times, in one run: {@code scan} (the
 * source's binary COPY drained into a null stream), {@code export} (the destination activity's data
 * path: Postgres source, prefetch queue, Files destination) as Parquet+zstd and as JSONLines+gzip,
 * and {@code naive} (JDBC ResultSet, one Jackson-serialised JSON line per row, gzip, one thread).
 * Prints a table and, as its last line, one JSON object with the figures.
 */
public final class ExportBench {

    private static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, START.plus(1, ChronoUnit.DAYS));
    private static final long LOAD_CHUNK = 500_000;
    private static final long WARM_UP_ROWS = 50_000;
    private static final double MB = 1024.0 * 1024.0;

    private ExportBench() {
    }

    /** What to run: {@code --rows N --batch-rows N --buffer-mb N --keep --dir PATH --compare-reads}. */
    record Options(long rows, int batchRows, long bufferBytes, boolean keep, Path dir, boolean compareReads) {

        static Options parse(String... args) {
            long rows = 100_000;
            int batchRows = 10_000;
            long bufferBytes = ExportBufferProperties.defaults().bufferBytes().toBytes();
            boolean keep = false;
            Path dir = null;
            boolean compareReads = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                    case "--batch-rows" -> batchRows = Integer.parseInt(args[++i].replace("_", ""));
                    case "--buffer-mb" -> bufferBytes = DataSize.ofMegabytes(Long.parseLong(args[++i])).toBytes();
                    case "--keep" -> keep = true;
                    case "--dir" -> dir = Path.of(args[++i]);
                    case "--compare-reads" -> compareReads = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --rows N [--batch-rows N] [--buffer-mb N] [--keep] [--dir PATH] [--compare-reads]");
                }
            }
            if (rows < 1 || batchRows < 1) {
                throw new IllegalArgumentException("--rows and --batch-rows must be positive");
            }
            return new Options(rows, batchRows, bufferBytes, keep, dir, compareReads);
        }
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        run(Options.parse(args), System.out);
        System.exit(0);
    }

    /** Runs the benchmark, printing to {@code out}; returns the figures of the JSON line. */
    static Map<String, Object> run(Options options, PrintStream out) throws Exception {
        Path dir = options.dir() != null ? Files.createDirectories(options.dir()) : Files.createTempDirectory("sluice-bench-");
        out.printf("Sluice export benchmark: %,d events, batches of %,d rows, queue %d MB, in %s%n", options.rows(), options.batchRows(),
                options.bufferBytes() / (1024 * 1024), dir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("shared_buffers", "128MB")
                .start()) {
            DataSource db = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
            UUID project = UUID.randomUUID();
            long loadStart = System.nanoTime();
            load(db, project, options.rows());
            out.printf("Loaded %,d events in %.1f s%n", options.rows(), seconds(loadStart));
            SourceQuery query = new SourceQuery(project, ExportModel.EVENTS, null, null, INTERVAL, null);
            FilesDestination files = new FilesDestination(new FilesDestinationProperties(dir.resolve("exports")),
                    new SluiceProperties(dir), Clock.systemUTC());
            PostgresEventSource source = new PostgresEventSource(db, new SourceProperties(options.batchRows()));
            warmUp(db, files, source, query, options, dir, out);

            Timed scan = scan(db, query);
            Exported parquet = export(files, source, query, options, "parquet", "Parquet", "zstd");
            Exported jsonl = export(files, source, query, options, "jsonl", "JSONLines", "gzip");
            Timed naive = naive(db, query, dir.resolve("naive.jsonl.gz"));
            Map<String, Timed> reads = new LinkedHashMap<>();
            if (options.compareReads()) {
                reads.put("read COPY binary -> Arrow", copyIntoArrow(source, query));
                reads.put("read ResultSet -> Arrow", resultSetIntoArrow(db, query, options.batchRows()));
            }

            Map<String, Object> figures = figures(options.rows(), scan, parquet, jsonl, naive);
            printTable(out, options.rows(), scan, parquet, jsonl, naive, reads);
            reads.forEach((name, timed) -> figures.put(name.replaceAll("[^A-Za-z]+", "_").toLowerCase() + "_rows_per_s",
                    round(timed.rowsPerSecond(), 0)));
            out.println(new ObjectMapper().writeValueAsString(figures));
            return figures;
        } finally {
            if (!options.keep()) {
                deleteRecursively(dir);
            }
        }
    }

    /** Inserts {@code rows} events spread evenly over the interval, with properties like the demo data's. */
    private static void load(DataSource db, UUID project, long rows) throws Exception {
        long stepMicros = Math.max(1, ChronoUnit.MICROS.between(INTERVAL.start(), INTERVAL.end()) / rows);
        try (Connection connection = db.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into projects (id, name, api_token, created_at) values (?, 'bench', ?, now())")) {
                insert.setObject(1, project);
                insert.setString(2, "phc_" + project);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(LOAD_SQL)) {
                for (long first = 0; first < rows; first += LOAD_CHUNK) {
                    insert.setObject(1, project);
                    for (int time = 2; time <= 4; time += 2) {
                        insert.setTimestamp(time, Timestamp.from(INTERVAL.start()));
                        insert.setLong(time + 1, stepMicros);
                    }
                    insert.setLong(6, first);
                    insert.setLong(7, Math.min(rows, first + LOAD_CHUNK) - 1);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement vacuum = connection.prepareStatement("vacuum analyze events")) {
                vacuum.execute();
            }
        }
    }

    private static final String LOAD_SQL = """
            insert into events (project_id, uuid, event, distinct_id, person_id, properties, timestamp, inserted_at)
            select ?, gen_random_uuid(), k.event, 'user-' || (n % 20000),
                   case when n % 4 = 0 then null else md5('person-' || (n % 20000))::uuid end,
                   jsonb_build_object(
                       '$browser', (array['Chrome', 'Safari', 'Firefox', 'Microsoft Edge', 'Opera'])[1 + n % 5],
                       '$os', (array['Mac OS X', 'Windows', 'Linux', 'iOS', 'Android'])[1 + (n / 7) % 5],
                       '$device_type', (array['Desktop', 'Desktop', 'Desktop', 'Mobile', 'Mobile'])[1 + (n / 7) % 5],
                       '$current_url', 'https://shop.example.com' || k.path,
                       '$pathname', k.path,
                       '$referrer', (array['$direct', 'https://www.google.com/', 'https://news.ycombinator.com/',
                                           'https://twitter.com/', 'https://duckduckgo.com/'])[1 + (n / 3) % 5],
                       '$geoip_country_code', (array['US', 'DE', 'GB', 'FR', 'BR', 'IN', 'JP', 'NL'])[1 + (n / 11) % 8],
                       '$session_id', md5('session-' || (n / 40)),
                       '$lib', 'web', '$lib_version', '1.150.1',
                       '$screen_width', 1280 + (n % 4) * 160, '$screen_height', 720 + (n % 3) * 180)
                   || case when k.event = 'purchase' then jsonb_build_object(
                          'product', (array['socks', 'mug', 'hoodie', 'sticker pack'])[1 + n % 4],
                          'price', (array[9.99, 14.5, 49.0, 3.25])[1 + n % 4],
                          'currency', (array['USD', 'EUR', 'GBP'])[1 + n % 3])
                      when k.event = '$autocapture' then jsonb_build_object(
                          '$event_type', 'click',
                          '$el_text', (array['Add to cart', 'Sign up', 'Buy now', 'Next', 'Learn more', 'Close'])[1 + n % 6])
                      else '{}'::jsonb end,
                   ?::timestamptz + (n * ?::bigint) * interval '1 microsecond' - interval '2 seconds',
                   ?::timestamptz + (n * ?::bigint) * interval '1 microsecond'
            from generate_series(?::bigint, ?::bigint) n
            cross join lateral (select
                case when n % 100 < 45 then '$pageview' when n % 100 < 70 then '$autocapture'
                     when n % 100 < 82 then '$pageleave' when n % 100 < 88 then '$identify'
                     when n % 100 < 94 then 'signed_up' else 'purchase' end as event,
                (array['/', '/pricing', '/products', '/products/socks', '/products/mug', '/products/hoodie', '/cart',
                       '/checkout', '/blog', '/blog/release-notes', '/docs', '/signup'])[1 + (n * 7) % 12] as path) k
            """;

    /**
     * Runs every phase once, untimed, on the first {@value #WARM_UP_ROWS} rows or fewer, so that
     * class loading and JIT compilation (a long-running worker pays them once) stay out of the timings.
     */
    private static void warmUp(DataSource db, FilesDestination files, PostgresEventSource source, SourceQuery query, Options options,
                               Path dir, PrintStream out) throws Exception {
        long rows = Math.min(options.rows(), WARM_UP_ROWS);
        Instant end = INTERVAL.start().plus(ChronoUnit.MICROS.between(INTERVAL.start(), INTERVAL.end()) * rows / options.rows(), ChronoUnit.MICROS);
        SourceQuery head = new SourceQuery(query.projectId(), query.model(), null, null, new DataInterval(INTERVAL.start(), end), null);
        long start = System.nanoTime();
        scan(db, head);
        export(files, source, head, options, "warm-up/parquet", "Parquet", "zstd");
        export(files, source, head, options, "warm-up/jsonl", "JSONLines", "gzip");
        naive(db, head, dir.resolve("warm-up.jsonl.gz"));
        out.printf("Warmed up on the first %,d rows in %.1f s (untimed)%n", rows, seconds(start));
    }

    /** The source's own limit: its binary COPY drained into a counting null stream. */
    private static Timed scan(DataSource db, SourceQuery query) throws Exception {
        CountingNullStream sink = new CountingNullStream();
        long start = System.nanoTime();
        long rows = SourceScan.copyTo(db, query, sink);
        return new Timed(rows, seconds(start), sink.bytes, 0);
    }

    /** The destination activity's data path into a Files destination, with heap and Arrow memory sampled while it runs. */
    private static Exported export(FilesDestination files, PostgresEventSource source, SourceQuery query, Options options,
                                   String path, String format, String compression) {
        DestinationRequest request = new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), query.projectId(), query.interval(),
                ExportModel.EVENTS, Map.of("path", path, "file_format", format, "compression", compression), ExportCheckpoint.start());
        System.gc();
        MemorySampler sampler = MemorySampler.start();
        long start = System.nanoTime();
        ExportOutcome outcome;
        long arrowPeak;
        long queuePeak;
        try (RootAllocator allocator = new RootAllocator();
             PrefetchingBatchStream rows = PrefetchingBatchStream.open(source, query, allocator, options.bufferBytes())) {
            outcome = files.write(request, rows, checkpoint -> {
            });
            arrowPeak = allocator.getPeakMemoryAllocation();
            queuePeak = rows.peakQueuedBytes();
        }
        double seconds = seconds(start);
        sampler.stop();
        return new Exported(new Timed(outcome.records(), seconds, 0, outcome.bytes()), sampler.peakHeap, sampler.peakAfterGc, arrowPeak,
                queuePeak, sampler.peakDirect, format + "+" + compression);
    }

    /** The source alone, drained on this thread: COPY binary parsed into Arrow batches, nothing written. */
    private static Timed copyIntoArrow(PostgresEventSource source, SourceQuery query) {
        long start = System.nanoTime();
        long rows = 0;
        try (RootAllocator allocator = new RootAllocator(); var stream = source.open(query, allocator)) {
            while (stream.next()) {
                rows += stream.root().getRowCount();
            }
        }
        return new Timed(rows, seconds(start), 0, 0);
    }

    /** The source's previous read path (JDBC ResultSet, getString/getObject into Arrow), nothing written. */
    private static Timed resultSetIntoArrow(DataSource db, SourceQuery query, int batchRows) throws Exception {
        long start = System.nanoTime();
        long rows;
        try (RootAllocator allocator = new RootAllocator()) {
            rows = SourceScan.resultSetIntoArrow(db, query, allocator, batchRows);
        }
        return new Timed(rows, seconds(start), 0, 0);
    }

    /** The old way: JDBC ResultSet, a Map per row serialised by Jackson (properties parsed to embed them), gzip, one thread. */
    private static Timed naive(DataSource db, SourceQuery query, Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long start = System.nanoTime();
        long rows = 0;
        try (Connection connection = db.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement("select uuid::text, event, distinct_id, person_id::text,"
                    + " properties::text, timestamp, inserted_at from events where project_id = ? and inserted_at >= ? and inserted_at < ?"
                    + " order by inserted_at, uuid")) {
                select.setFetchSize(10_000);
                select.setObject(1, query.projectId());
                select.setTimestamp(2, Timestamp.from(query.interval().start()));
                select.setTimestamp(3, Timestamp.from(query.interval().end()));
                try (ResultSet result = select.executeQuery();
                     OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), 1 << 16)) {
                    while (result.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("uuid", result.getString(1));
                        row.put("event", result.getString(2));
                        row.put("distinct_id", result.getString(3));
                        row.put("person_id", result.getString(4));
                        row.put("properties", json.readTree(result.getString(5)));
                        row.put("timestamp", result.getObject(6, OffsetDateTime.class).toInstant().toString());
                        row.put("inserted_at", result.getObject(7, OffsetDateTime.class).toInstant().toString());
                        out.write(json.writeValueAsBytes(row));
                        out.write('\n');
                        rows++;
                    }
                }
            }
            connection.rollback();
        }
        return new Timed(rows, seconds(start), 0, Files.size(file));
    }

    private static Map<String, Object> figures(long rows, Timed scan, Exported parquet, Exported jsonl, Timed naive) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rows", rows);
        figures.put("export_rows_per_s", round(parquet.timed().rowsPerSecond(), 0));
        figures.put("export_mb_per_s", round(scan.bytes() / MB / parquet.timed().seconds(), 1));
        figures.put("scan_rows_per_s", round(scan.rowsPerSecond(), 0));
        figures.put("naive_rows_per_s", round(naive.rowsPerSecond(), 0));
        figures.put("ratio_vs_scan", round(parquet.timed().rowsPerSecond() / scan.rowsPerSecond(), 3));
        figures.put("ratio_vs_naive", round(parquet.timed().rowsPerSecond() / naive.rowsPerSecond(), 3));
        figures.put("jsonl_gzip_rows_per_s", round(jsonl.timed().rowsPerSecond(), 0));
        figures.put("peak_heap_mb", round(parquet.peakHeap() / MB, 1));
        figures.put("peak_heap_after_gc_mb", round(parquet.peakAfterGc() / MB, 1));
        figures.put("peak_arrow_mb", round(parquet.arrowPeak() / MB, 1));
        figures.put("peak_direct_mb", round(parquet.directPeak() / MB, 1));
        figures.put("export_rows", parquet.timed().rows());
        figures.put("jsonl_gzip_rows", jsonl.timed().rows());
        figures.put("naive_rows", naive.rows());
        return figures;
    }

    private static void printTable(PrintStream out, long rows, Timed scan, Exported parquet, Exported jsonl, Timed naive,
                                   Map<String, Timed> reads) {
        out.println();
        out.printf("%-34s %12s %9s %12s %10s %10s%n", "phase", "rows", "seconds", "rows/s", "src MB/s", "output MB");
        row(out, "scan (COPY binary to null)", scan, scan);
        row(out, "export " + parquet.label(), parquet.timed(), scan);
        row(out, "export " + jsonl.label(), jsonl.timed(), scan);
        row(out, "naive (ResultSet+Jackson+gzip)", naive, scan);
        reads.forEach((name, timed) -> row(out, name, timed, scan));
        out.println();
        out.printf("export/scan %.2fx, export/naive %.2fx (Parquet+zstd, rows/s); source data %.1f MB (binary COPY)%n",
                parquet.timed().rowsPerSecond() / scan.rowsPerSecond(), parquet.timed().rowsPerSecond() / naive.rowsPerSecond(),
                scan.bytes() / MB);
        for (Exported e : List.of(parquet, jsonl)) {
            out.printf("memory during %-15s peak heap used %.1f MB (after a GC %.1f MB), peak Arrow %.1f MB (queue %.1f MB),"
                            + " peak direct buffers %.1f MB (max heap %d MB)%n",
                    e.label() + ":", e.peakHeap() / MB, e.peakAfterGc() / MB, e.arrowPeak() / MB, e.queuePeak() / MB, e.directPeak() / MB,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
        if (rows != parquet.timed().rows() || rows != jsonl.timed().rows() || rows != naive.rows()) {
            out.println("WARNING: a phase did not see every row");
        }
    }

    private static void row(PrintStream out, String name, Timed t, Timed scan) {
        out.printf("%-34s %,12d %9.2f %,12.0f %10.1f %10.1f%n", name, t.rows(), t.seconds(), t.rowsPerSecond(),
                scan.bytes() / MB / t.seconds(), t.outputBytes() / MB);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    record Timed(long rows, double seconds, long bytes, long outputBytes) {

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    record Exported(Timed timed, long peakHeap, long peakAfterGc, long arrowPeak, long queuePeak, long directPeak, String label) {
    }

    /**
     * Samples heap used and direct buffer memory every few milliseconds until stopped, and takes the
     * heap left after every garbage collection meanwhile: the most of it is the live set's peak,
     * where heap used also counts garbage not yet collected.
     */
    private static final class MemorySampler implements Runnable, NotificationListener {

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        private final Thread thread = new Thread(this, "bench-memory-sampler");
        private volatile boolean running = true;
        private volatile long peakHeap;
        private volatile long peakAfterGc;
        private volatile long peakDirect;

        static MemorySampler start() {
            MemorySampler sampler = new MemorySampler();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector).addNotificationListener(sampler, null, null);
            }
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void handleNotification(Notification notification, Object handback) {
            if (!running || !notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            GcInfo gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
            long after = gc.getMemoryUsageAfterGc().entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                    .mapToLong(e -> e.getValue().getUsed()).sum();
            peakAfterGc = Math.max(peakAfterGc, after);
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void sample() {
            peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
            long direct = pools.stream().filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            peakDirect = Math.max(peakDirect, direct);
        }

        void stop() throws RuntimeException {
            running = false;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                try {
                    ((NotificationEmitter) collector).removeNotificationListener(this);
                } catch (ListenerNotFoundException e) {
                    // never added
                }
            }
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
        }
    }

    private static final class CountingNullStream extends OutputStream {

        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
