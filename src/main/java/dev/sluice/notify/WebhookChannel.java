package dev.sluice.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;

/** POSTs each alert as JSON to {@code sluice.notify.webhook-url}, signed when a secret is configured. */
@Component
class WebhookChannel implements AlertChannel {

    private final NotifyProperties props;
    private final ObjectMapper json;
    private final HttpClient http;

    WebhookChannel(NotifyProperties props, ObjectMapper json) {
        this.props = props;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(props.webhookTimeout()).build();
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public boolean enabled() {
        return props.hasWebhook();
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        byte[] body = json.writeValueAsBytes(alert);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(props.webhookUrl().trim()))
                .timeout(props.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Sluice")
                .header("X-Sluice-Event", alert.event())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (props.webhookSecret() != null && !props.webhookSecret().isEmpty()) {
            request.header(WebhookSignature.HEADER, WebhookSignature.of(body, props.webhookSecret()));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the webhook answered HTTP " + response.statusCode());
        }
    }
}
