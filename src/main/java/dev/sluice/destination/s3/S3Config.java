package dev.sluice.destination.s3;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import java.net.URI;
import java.util.Map;

/**
 * An S3 destination config (keys of API.md). {@code prefix} defaults to the bucket's root,
 * {@code file_format} to JSONLines, {@code compression} to none, {@code max_file_size_mb} to one
 * object per interval. Without {@code aws_access_key_id} the SDK's default credential chain is used
 * (environment, profile, instance role). {@code endpoint_url} selects an S3-compatible service,
 * addressed path-style. {@link #toString()} leaves out the secret.
 */
record S3Config(String bucket, String region, String prefix, String accessKeyId, String secretAccessKey, URI endpoint,
                FileFormat format, Compression compression, String encryption, String kmsKeyId, long maxFileBytes) {

    static final String AES256 = "AES256";
    static final String KMS = "aws:kms";

    static S3Config parse(Map<String, Object> config) {
        String bucket = text(config, "bucket_name");
        if (bucket == null) {
            throw new DestinationUserException("The S3 destination needs a bucket_name.");
        }
        String region = text(config, "region");
        if (region == null) {
            throw new DestinationUserException("The S3 destination needs a region.");
        }
        String accessKeyId = text(config, "aws_access_key_id");
        String secret = text(config, "aws_secret_access_key");
        if ((accessKeyId == null) != (secret == null)) {
            throw new DestinationUserException("Give both aws_access_key_id and aws_secret_access_key, or neither to use the server's AWS credentials.");
        }
        URI endpoint = endpoint(text(config, "endpoint_url"));
        String formatValue = text(config, "file_format");
        FileFormat format = formatValue == null ? FileFormat.JSON_LINES : FileFormat.fromConfigValue(formatValue)
                .orElseThrow(() -> new DestinationUserException("The file format '" + formatValue + "' is not one of JSONLines, Parquet or CSV."));
        String compressionValue = text(config, "compression");
        Compression compression = Compression.fromConfigValue(compressionValue)
                .orElseThrow(() -> new DestinationUserException("The compression '" + compressionValue + "' is not one of gzip, zstd, snappy or lz4."));
        String encryption = text(config, "encryption");
        if (encryption != null && !encryption.equals(AES256) && !encryption.equals(KMS)) {
            throw new DestinationUserException("The encryption '" + encryption + "' is not one of AES256 or aws:kms.");
        }
        String kmsKeyId = text(config, "kms_key_id");
        if (kmsKeyId != null && !KMS.equals(encryption)) {
            throw new DestinationUserException("A kms_key_id is only used with the encryption aws:kms.");
        }
        Object maxSize = config.get("max_file_size_mb");
        long maxFileBytes = Long.MAX_VALUE;
        if (maxSize != null) {
            if (!(maxSize instanceof Number mb) || !(mb.doubleValue() > 0)) {
                throw new DestinationUserException("The maximum file size must be a positive number of megabytes, not '" + maxSize + "'.");
            }
            maxFileBytes = Math.max(1, (long) Math.min(Long.MAX_VALUE, mb.doubleValue() * 1024 * 1024));
        }
        String prefix = text(config, "prefix");
        return new S3Config(bucket, region, prefix == null ? "" : prefix, accessKeyId, secret, endpoint, format, compression,
                encryption, kmsKeyId, maxFileBytes);
    }

    /** An absolute http(s) URL with a host; anything else is a user error. */
    static URI endpoint(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new DestinationUserException("The endpoint_url '" + value + "' must be an http or https URL such as https://minio.example.com:9000.");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new DestinationUserException("The endpoint_url '" + value + "' must be an http or https URL such as https://minio.example.com:9000.");
        }
    }

    String extension() {
        return format.extension(compression);
    }

    String where() {
        return "bucket '" + bucket + "'" + (endpoint == null ? " in region " + region : " at " + endpoint);
    }

    private static String text(Map<String, Object> config, String key) {
        Object value = config.get(key);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    @Override
    public String toString() {
        return "S3Config[bucket=" + bucket + ", region=" + region + ", prefix=" + prefix + ", endpoint=" + endpoint + ", format=" + format
                + ", compression=" + compression + ", encryption=" + encryption + "]";
    }
}
