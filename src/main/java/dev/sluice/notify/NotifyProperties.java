package dev.sluice.notify;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerts and auto-pause ({@code sluice.notify.*}).
 *
 * @param webhookUrl where alerts are POSTed as JSON; none when blank
 * @param webhookSecret key of the HMAC-SHA256 signature of each body, sent as {@code X-Sluice-Signature: sha256=<hex>}
 * @param emailTo recipients of alert emails, sent when SMTP is configured ({@code spring.mail.host})
 * @param emailFrom sender of alert emails
 * @param pauseAfterFailures consecutive {@code Failed} runs (user errors) after which an export pauses itself; 0 never
 * @param alertEvery an export gets at most one alert of each kind within this time
 * @param usuallyHasRows completed runs in a row with rows after which an empty one is alerted
 * @param webhookTimeout how long a webhook delivery may take
 */
@ConfigurationProperties("sluice.notify")
record NotifyProperties(
        String webhookUrl,
        String webhookSecret,
        @DefaultValue List<String> emailTo,
        @DefaultValue("sluice@localhost") String emailFrom,
        @DefaultValue("3") int pauseAfterFailures,
        @DefaultValue("1h") Duration alertEvery,
        @DefaultValue("3") int usuallyHasRows,
        @DefaultValue("10s") Duration webhookTimeout) {

    NotifyProperties {
        if (pauseAfterFailures < 0) {
            throw new IllegalArgumentException("sluice.notify.pause-after-failures must be 0 (never) or more");
        }
        if (usuallyHasRows < 1) {
            throw new IllegalArgumentException("sluice.notify.usually-has-rows must be at least 1");
        }
        emailTo = emailTo == null ? List.of() : emailTo.stream().filter(e -> e != null && !e.isBlank()).toList();
    }

    boolean hasWebhook() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }
}
