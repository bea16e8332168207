package dev.sluice.workflow;

import dev.sluice.destination.Destination;
import dev.sluice.destination.s3.S3Destination;
import dev.sluice.destination.s3.S3ProxyServer;
import dev.sluice.destination.s3.S3UploadProperties;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The S3 destination into s3proxy (in memory, real S3 API and signatures); reads the {@code .jsonl} objects back. */
final class S3FaultTarget implements FaultTarget {

    private final S3ProxyServer s3 = S3ProxyServer.start();
    private final S3Destination destination = new S3Destination(Clock.systemUTC(), new S3UploadProperties(2, 3));

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public Map<String, Object> newPlace() {
        Map<String, Object> config = s3.config(s3.createBucket("faults-" + UUID.randomUUID().toString().substring(0, 8)));
        config.put("max_file_size_mb", MAX_FILE_SIZE_MB);
        return config;
    }

    @Override
    public List<String> uuids(Map<String, Object> config) {
        String bucket = config.get("bucket_name").toString();
        List<String> uuids = new ArrayList<>();
        for (String key : s3.keys(bucket)) {
            if (key.endsWith(".jsonl")) {
                uuids.addAll(FaultTarget.uuidsOfJsonLines(new BufferedReader(new InputStreamReader(
                        new ByteArrayInputStream(s3.bytes(bucket, key)), StandardCharsets.UTF_8))));
            }
        }
        return uuids;
    }

    @Override
    public void stop() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3";
    }
}
