package dev.sluice.source.clickhouse;

/**
 * Where a project's PostHog-style {@code events} table lives: the HTTP endpoint
 * ({@code http://host:8123}), the database, the credentials, and the PostHog {@code team_id} whose
 * rows belong to the project ({@code null}: every row of the table).
 */
public record ClickHouseConnection(String url, String database, String user, String password, Long teamId) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClickHouseConnection[url=" + url + ", database=" + database + ", user=" + user + ", teamId=" + teamId + "]";
    }
}
