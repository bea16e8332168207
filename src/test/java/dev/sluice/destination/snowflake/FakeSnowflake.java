package dev.sluice.destination.snowflake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Snowflake's HTTP contract as the JDBC driver speaks it, served by WireMock on localhost with
 * responses shaped like the service's: {@code /session/v1/login-request} returns a session,
 * {@code /queries/v1/query-request} a JSON result (or an error), and a {@code PUT} gets upload
 * instructions for a {@code LOCAL_FS} stage in a local directory, into which the driver copies the
 * file, and {@code SHOW TABLES LIKE '<name>'} lists that one table (as if every table asked about
 * exists, until {@link #loseTables()}). The driver connects with {@code ssl=off}; every other call
 * (telemetry, closing the session) is acknowledged.
 */
final class FakeSnowflake implements AutoCloseable {

    static final String QUERY = "/queries/v1/query-request";
    static final String LOGIN = "/session/v1/login-request";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final Path stageDirectory;

    FakeSnowflake(Path stageDirectory) {
        this.stageDirectory = stageDirectory;
        server.start();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(okJson(response("null"))));
        server.stubFor(post(urlPathEqualTo(LOGIN)).atPriority(50).willReturn(okJson(response("""
                {"token": "session-token", "masterToken": "master-token", "validityInSeconds": 3600, "masterValidityInSeconds": 14400,
                 "sessionId": 1, "parameters": [{"name": "AUTOCOMMIT", "value": true}],
                 "sessionInfo": {"databaseName": "ANALYTICS", "schemaName": "PUBLIC", "warehouseName": "LOADING", "roleName": "LOADER"}}"""))));
        server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(50).willReturn(okJson(response("""
                {"parameters": [], "rowtype": [{"name": "status", "type": "text", "nullable": true, "length": 256}],
                 "rowset": [["Statement executed successfully."]], "total": 1, "returned": 1, "queryId": "q-1",
                 "statementTypeId": 24576, "queryResultFormat": "json"}"""))));
        server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(10).withRequestBody(matchingJsonPath("$.sqlText", containing("PUT 'file://")))
                .willReturn(okJson(response("""
                        {"command": "UPLOAD", "src_locations": ["{{regexExtract (jsonPath request.body '$.sqlText') "file://([^']+)" 'path'}}{{path.0}}"],
                         "parallel": 1, "autoCompress": false, "overwrite": true, "sourceCompression": "none",
                         "clientShowEncryptionParameter": false, "queryId": "q-put", "encryptionMaterial": null, "parameters": [],
                         "stageInfo": {"locationType": "LOCAL_FS", "location": "%s", "path": "", "region": null, "endPoint": null,
                                       "storageAccount": null, "isClientSideEncrypted": false, "creds": {}, "presignedUrl": null,
                                       "useS3RegionalUrl": false, "useRegionalUrl": false, "useVirtualUrl": false}}"""
                        .formatted(stageDirectory.toAbsolutePath() + "/"))).withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(10).withRequestBody(matchingJsonPath("$.sqlText", containing("SHOW TABLES LIKE '")))
                .willReturn(okJson(response(showTables("[[\"{{regexExtract (jsonPath request.body '$.sqlText') \"LIKE '([^']+)'\" 'name'}}{{name.0}}\"]]", 1)))
                        .withTransformers("response-template")));
    }

    /** From now on {@code SHOW TABLES} finds no table, as after someone dropped the staging table. */
    void loseTables() {
        server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(5).withRequestBody(matchingJsonPath("$.sqlText", containing("SHOW TABLES LIKE '")))
                .willReturn(okJson(response(showTables("[]", 0)))));
    }

    /** A {@code SHOW TABLES} result (statement type SHOW, 0x4400) of the {@code name} column. */
    private static String showTables(String rowset, int rows) {
        return """
                {"parameters": [], "rowtype": [{"name": "name", "type": "text", "nullable": false, "length": 256}],
                 "rowset": %s, "total": %d, "returned": %d, "queryId": "q-show", "statementTypeId": 17408, "queryResultFormat": "json"}"""
                .formatted(rowset, rows, rows);
    }

    /** The driver's connector for this server: the production connection properties, the URL of localhost over plain HTTP. */
    SnowflakeConnector connector() {
        return config -> DriverManager.getConnection("jdbc:snowflake://localhost:" + server.port() + "/?ssl=off",
                SnowflakeConnector.properties(config));
    }

    /** The login answers with Snowflake's refusal {@code code}. */
    void refuseLogin(String code, String message) {
        server.stubFor(post(urlPathEqualTo(LOGIN)).atPriority(1).willReturn(okJson(failure(code, "08004", message))));
    }

    /** The login answers HTTP 403, as Snowflake does for an unknown account or a login a network policy blocks. */
    void forbidLogin() {
        server.stubFor(post(urlPathEqualTo(LOGIN)).atPriority(1).willReturn(aResponse().withStatus(403)));
    }

    /** A statement containing {@code sqlPart} fails with Snowflake's error {@code code} and SQLSTATE. */
    void failStatement(String sqlPart, String code, String sqlState, String message) {
        server.stubFor(post(urlPathEqualTo(QUERY)).atPriority(5).withRequestBody(matchingJsonPath("$.sqlText", containing(sqlPart)))
                .willReturn(okJson(failure(code, sqlState, message))));
    }

    /** The SQL texts the driver sent, in the order it sent them. */
    List<String> statements() {
        return requests(QUERY).stream().map(r -> json(r).path("sqlText").asText()).toList();
    }

    /** The login request: its query parameters and its JSON body's {@code data}. */
    LoggedRequest login() {
        return requests(LOGIN).get(0);
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files the driver "uploaded" into the stage directory. */
    List<Path> stagedFiles() {
        try (var files = Files.list(stageDirectory)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<LoggedRequest> requests(String path) {
        List<LoggedRequest> newestFirst = server.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith(path)).collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static String response(String data) {
        return "{\"data\": " + data + ", \"code\": null, \"message\": null, \"success\": true}";
    }

    private static String failure(String code, String sqlState, String message) {
        try {
            return "{\"data\": {\"errorCode\": \"" + code + "\", \"sqlState\": \"" + sqlState + "\", \"queryId\": \"q-failed\", \"internalError\": false,"
                    + " \"age\": 0, \"line\": -1, \"pos\": -1}, \"code\": \"" + code + "\", \"message\": " + JSON.writeValueAsString(message)
                    + ", \"success\": false, \"headers\": null}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
