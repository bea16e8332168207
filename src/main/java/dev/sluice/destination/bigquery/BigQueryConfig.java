package dev.sluice.destination.bigquery;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ErrorDetails;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;

/**
 * A BigQuery destination config (keys of API.md): {@code project_id}, {@code dataset_id},
 * {@code table_id}, the service account's {@code client_email}, {@code private_key} and
 * {@code private_key_id}, its {@code token_uri} (default Google's) and {@code use_json_type}
 * (JSON columns instead of STRING for JSON values). {@link #toString()} leaves the key out.
 */
record BigQueryConfig(String projectId, String datasetId, String tableId, String clientEmail, String privateKey,
                      String privateKeyId, URI tokenUri, boolean useJsonType) {

    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    static BigQueryConfig parse(Map<String, Object> config) {
        String project = required(config, "project_id");
        String dataset = required(config, "dataset_id");
        String table = required(config, "table_id");
        if (!BigQueryNames.isProject(project)) {
            throw new DestinationUserException("'" + project + "' is not a BigQuery project id: use lower-case letters, digits and -.");
        }
        if (!BigQueryNames.isDataset(dataset)) {
            throw new DestinationUserException("'" + dataset + "' is not a BigQuery dataset id: use letters, digits and _, at most 1024.");
        }
        if (!BigQueryNames.isTable(table)) {
            throw new DestinationUserException("'" + table + "' is not a BigQuery table id: use letters, digits, _, - and spaces.");
        }
        String email = required(config, "client_email");
        String key = required(config, "private_key");
        String keyId = text(config.get("private_key_id"));
        URI tokenUri;
        try {
            tokenUri = URI.create(text(config.get("token_uri")).isEmpty() ? DEFAULT_TOKEN_URI : text(config.get("token_uri")));
        } catch (IllegalArgumentException e) {
            throw new DestinationUserException("The BigQuery token_uri is not a URL.");
        }
        boolean json = Boolean.parseBoolean(text(config.get("use_json_type")));
        return new BigQueryConfig(project, dataset, table, email, key, keyId.isEmpty() ? null : keyId, tokenUri, json);
    }

    private static String required(Map<String, Object> config, String key) {
        String value = text(config.get(key));
        if (value.isEmpty()) {
            throw new DestinationUserException("The BigQuery destination needs " + key + ".");
        }
        return value;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    /** {@code project.dataset}, as messages name the dataset. */
    String dataset() {
        return projectId + "." + datasetId;
    }

    /** {@code project.dataset.table}, as messages name the target. */
    String target() {
        return dataset() + "." + tableId;
    }

    /** A message with every trace of the key and key id replaced, for text a server or library wrote. */
    String scrub(String message) {
        return ErrorDetails.scrub(message, Arrays.asList(privateKey, privateKeyId));
    }

    @Override
    public String toString() {
        return "BigQueryConfig[projectId=" + projectId + ", datasetId=" + datasetId + ", tableId=" + tableId + ", clientEmail="
                + clientEmail + ", tokenUri=" + tokenUri + ", useJsonType=" + useJsonType + "]";
    }
}
