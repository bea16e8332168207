package dev.sluice.notify;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends alerts on a thread of its own, so a slow webhook or mail server never holds up the worker
 * that finished the run. A failed delivery is logged and not retried: the next alert follows anyway.
 */
@Component
class AlertDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final List<AlertChannel> channels;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sluice-alerts");
        t.setDaemon(true);
        return t;
    });

    AlertDispatcher(List<AlertChannel> channels) {
        this.channels = channels;
    }

    boolean anyChannel() {
        return channels.stream().anyMatch(AlertChannel::enabled);
    }

    void dispatch(Alert alert) {
        for (AlertChannel channel : channels) {
            if (channel.enabled()) {
                sender.execute(() -> deliver(channel, alert));
            }
        }
    }

    private static void deliver(AlertChannel channel, Alert alert) {
        try {
            channel.send(alert);
            log.info("Alert {} for export {} sent by {}", alert.event(), alert.exportId(), channel.name());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Alert {} for export {} could not be sent by {}: {}", alert.event(), alert.exportId(), channel.name(), e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(10, TimeUnit.SECONDS);
    }
}
