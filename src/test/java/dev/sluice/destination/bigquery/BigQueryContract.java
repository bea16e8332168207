package dev.sluice.destination.bigquery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.api.gax.retrying.RetrySettings;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * BigQuery's REST API and Google's OAuth token endpoint as WireMock serves them: the subset of the
 * contract the destination uses (datasets.get, tables.get/insert/delete, the resumable upload of a
 * load job, jobs.insert, jobs.get, jobs.getQueryResults), answered as BigQuery documents it. Job ids
 * and the upload session follow the client's requests, so the client's own polling works unchanged.
 */
final class BigQueryContract implements AutoCloseable {

    static final String PROJECT = "sluice-contract";
    static final String DATASET = "analytics";
    static final String LOCATION = "europe-west3";
    static final String ACCESS_TOKEN = "ya29.contract-token";
    static final String CLIENT_EMAIL = "exporter@sluice-contract.iam.gserviceaccount.com";
    static final String PRIVATE_KEY_ID = "key-id-4711";
    static final String PRIVATE_KEY = newPrivateKeyPem();

    private static final String V2 = "/bigquery/v2/projects/" + PROJECT;
    private static final String DATASET_PATH = V2 + "/datasets/" + DATASET;

    final WireMockServer server = new WireMockServer(options().dynamicPort().templatingEnabled(true).globalTemplating(false));

    BigQueryContract() {
        server.start();
    }

    /** The destination against this server: no retries of single calls, quick job polling. */
    BigQueryDestination destination() {
        return destination(BigQueryDestination.CHUNK_BYTES);
    }

    /** The same, loading chunks of about {@code chunkBytes}. */
    BigQueryDestination destination(long chunkBytes) {
        RetrySettings noRetries = RetrySettings.newBuilder().setMaxAttempts(1).setTotalTimeoutDuration(Duration.ofSeconds(30)).build();
        return new BigQueryDestination(new BigQueryService(server.baseUrl(), noRetries, Duration.ofMillis(50), Duration.ofSeconds(30)),
                java.time.Clock.systemUTC(), chunkBytes);
    }

    Map<String, Object> config(String table, boolean useJsonType) {
        Map<String, Object> config = new HashMap<>();
        config.put("project_id", PROJECT);
        config.put("dataset_id", DATASET);
        config.put("table_id", table);
        config.put("client_email", CLIENT_EMAIL);
        config.put("private_key", PRIVATE_KEY);
        config.put("private_key_id", PRIVATE_KEY_ID);
        config.put("token_uri", server.baseUrl() + "/token");
        config.put("use_json_type", useJsonType);
        return config;
    }

    /** A BigQuery that answers every call of a successful interval into a table that does not exist yet. */
    void happyPath(String table) {
        stub(post(urlPathEqualTo("/token")), json("{\"access_token\": \"" + ACCESS_TOKEN + "\", \"expires_in\": 3600, \"token_type\": \"Bearer\"}"));
        stub(get(urlPathEqualTo(DATASET_PATH)), json("{\"kind\": \"bigquery#dataset\", \"id\": \"" + PROJECT + ":" + DATASET + "\","
                + " \"datasetReference\": {\"projectId\": \"" + PROJECT + "\", \"datasetId\": \"" + DATASET + "\"}, \"location\": \"" + LOCATION + "\"}"));
        stub(get(urlPathEqualTo(DATASET_PATH + "/tables/" + table)), error(404, "notFound", "Not found: Table " + PROJECT + ":" + DATASET + "." + table));
        stub(post(urlPathEqualTo(DATASET_PATH + "/tables")), templated("{\"kind\": \"bigquery#table\", \"tableReference\": {\"projectId\": \""
                + PROJECT + "\", \"datasetId\": \"" + DATASET + "\", \"tableId\": \"{{jsonPath request.body '$.tableReference.tableId'}}\"},"
                + " \"type\": \"TABLE\"}"));
        stub(delete(urlPathMatching(DATASET_PATH + "/tables/.+")), aResponse().withStatus(204));
        stub(post(urlPathEqualTo("/upload/bigquery/v2/projects/" + PROJECT + "/jobs")),
                aResponse().withStatus(200).withTransformers("response-template")
                        .withHeader("Location", "{{request.baseUrl}}/upload/session/{{jsonPath request.body '$.jobReference.jobId'}}"));
        stub(put(urlPathMatching("/upload/session/sluice_load_[0-9a-f]+")), templated(job("{{request.pathSegments.[2]}}", "load", "RUNNING")));
        stub(get(urlPathMatching(V2 + "/jobs/sluice_load_[0-9a-f]+")), templated(job("{{request.pathSegments.[4]}}", "load", "DONE")));
        stub(post(urlPathEqualTo(V2 + "/jobs")), templated("{{{request.body}}}"));
        stub(get(urlPathMatching(V2 + "/queries/sluice_merge_[0-9a-f]+")), templated("{\"kind\": \"bigquery#getQueryResultsResponse\","
                + " \"jobReference\": {\"projectId\": \"" + PROJECT + "\", \"jobId\": \"{{request.pathSegments.[4]}}\", \"location\": \""
                + LOCATION + "\"}, \"jobComplete\": true, \"totalRows\": \"0\", \"numDmlAffectedRows\": \"2\"}"));
        stub(get(urlPathMatching(V2 + "/jobs/sluice_merge_[0-9a-f]+")), templated(job("{{request.pathSegments.[4]}}", "query", "DONE")));
    }

    /** tables.get of {@code table} finds it, with these STRING columns. */
    void existingTable(String table, List<String> columns) {
        override(get(urlPathEqualTo(DATASET_PATH + "/tables/" + table)), json("{\"tableReference\": {\"projectId\": \"" + PROJECT
                + "\", \"datasetId\": \"" + DATASET + "\", \"tableId\": \"" + table + "\"}, \"type\": \"TABLE\", \"schema\": {\"fields\": ["
                + String.join(", ", columns.stream().map(c -> "{\"name\": \"" + c + "\", \"type\": \"STRING\"}").toList()) + "]}}"));
    }

    /** Answers one kind of call. */
    void stub(MappingBuilder request, ResponseDefinitionBuilder response) {
        server.stubFor(request.atPriority(5).willReturn(response));
    }

    /** The same call answered with {@code response}, ahead of what {@link #happyPath} set up. */
    void override(MappingBuilder request, ResponseDefinitionBuilder response) {
        server.stubFor(request.atPriority(1).willReturn(response));
    }

    /** Every request served, oldest first. */
    List<ServeEvent> requests() {
        List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
        Collections.reverse(events);
        return events;
    }

    static String job(String jobId, String type, String state) {
        String configuration = type.equals("load")
                ? "{\"load\": {\"sourceFormat\": \"PARQUET\", \"destinationTable\": {\"projectId\": \"" + PROJECT + "\", \"datasetId\": \""
                        + DATASET + "\", \"tableId\": \"stage\"}}}"
                : "{\"query\": {\"query\": \"MERGE\", \"useLegacySql\": false}}";
        return "{\"kind\": \"bigquery#job\", \"id\": \"" + PROJECT + ":" + LOCATION + "." + jobId + "\", \"jobReference\": {\"projectId\": \""
                + PROJECT + "\", \"jobId\": \"" + jobId + "\", \"location\": \"" + LOCATION + "\"}, \"configuration\": " + configuration
                + ", \"status\": {\"state\": \"" + state + "\"}}";
    }

    /** A finished job that failed with {@code reason}. */
    static String failedJob(String jobId, String type, String reason, String message) {
        return job(jobId, type, "DONE").replace("\"status\": {\"state\": \"DONE\"}", "\"status\": {\"state\": \"DONE\", \"errorResult\":"
                + " {\"reason\": \"" + reason + "\", \"message\": \"" + message + "\"}, \"errors\": [{\"reason\": \"" + reason
                + "\", \"message\": \"" + message + "\"}]}");
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=UTF-8").withBody(body);
    }

    static ResponseDefinitionBuilder templated(String body) {
        return json(body).withTransformers("response-template");
    }

    /** BigQuery's error body: {@code {"error": {"code", "message", "errors": [{"reason", "message"}], "status"}}}. */
    static ResponseDefinitionBuilder error(int code, String reason, String message) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json; charset=UTF-8")
                .withBody("{\"error\": {\"code\": " + code + ", \"message\": \"" + message + "\", \"errors\": [{\"message\": \"" + message
                        + "\", \"domain\": \"global\", \"reason\": \"" + reason + "\"}], \"status\": \"" + reason + "\"}}");
    }

    private static String newPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
