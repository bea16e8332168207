package dev.sluice.notify;

/** What an alert is about; the API value is the {@code event} of the webhook body. */
enum AlertKind {
    RUN_FAILED("run_failed", "failed"),
    EXPORT_PAUSED("export_paused", "paused itself"),
    RUN_TOOK_LONGER_THAN_INTERVAL("run_took_longer_than_interval", "is falling behind"),
    INTERVAL_EMPTY("interval_empty", "exported an empty interval");

    private final String apiValue;
    private final String headline;

    AlertKind(String apiValue, String headline) {
        this.apiValue = apiValue;
        this.headline = headline;
    }

    String apiValue() {
        return apiValue;
    }

    String headline() {
        return headline;
    }
}
