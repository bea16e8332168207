package dev.sluice.destination.s3;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API served in this JVM by s3proxy, with an in-memory store, on a random loopback port,
 * checking AWS signatures against one key pair.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String KEY_ID = "AKIASLUICETEST000001";
    public static final String SECRET = "sluice-test-secret-key-0123456789abcdef";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final S3Client client;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.client = S3ClientFactory.configure(S3Client.builder(), S3Config.parse(config("any")), List.of()).build();
    }

    public static S3ProxyServer start() {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
                .build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new S3ProxyServer(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client with the server's key pair, for a test to look into buckets. */
    public S3Client client() {
        return client;
    }

    public String createBucket(String name) {
        client.createBucket(r -> r.bucket(name));
        return name;
    }

    /** A destination config for {@code bucket} on this server; callers add or replace keys. */
    public Map<String, Object> config(String bucket) {
        Map<String, Object> config = new HashMap<>();
        config.put("bucket_name", bucket);
        config.put("region", REGION);
        config.put("endpoint_url", endpoint().toString());
        config.put("aws_access_key_id", KEY_ID);
        config.put("aws_secret_access_key", SECRET);
        return config;
    }

    public List<String> keys(String bucket) {
        return client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    public byte[] bytes(String bucket, String key) {
        ResponseBytes<GetObjectResponse> object = client.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        return object.asByteArray();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        }
    }
}
