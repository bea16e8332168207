package dev.sluice.notify;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Emails each alert to {@code sluice.notify.email-to} when SMTP is configured: Spring Boot creates
 * the {@link JavaMailSender} only when {@code spring.mail.host} is set.
 */
@Component
class EmailChannel implements AlertChannel {

    private final NotifyProperties props;
    private final ObjectProvider<JavaMailSender> mail;

    EmailChannel(NotifyProperties props, ObjectProvider<JavaMailSender> mail) {
        this.props = props;
        this.mail = mail;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean enabled() {
        return !props.emailTo().isEmpty() && mail.getIfAvailable() != null;
    }

    @Override
    public void send(Alert alert) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(props.emailFrom());
        message.setTo(props.emailTo().toArray(String[]::new));
        message.setSubject(alert.subject());
        message.setText(text(alert));
        mail.getObject().send(message);
    }

    static String text(Alert alert) {
        StringBuilder text = new StringBuilder();
        text.append(alert.message()).append("\n\n");
        text.append("Export: ").append(alert.exportName()).append(" (").append(alert.exportId()).append(")\n");
        text.append("Project: ").append(alert.projectId()).append('\n');
        if (alert.runId() != null) {
            text.append("Run: ").append(alert.runId()).append(", ").append(alert.runStatus()).append('\n');
            text.append("Interval: ").append(alert.dataIntervalStart()).append(" to ").append(alert.dataIntervalEnd()).append('\n');
        }
        text.append("At: ").append(alert.occurredAt()).append('\n');
        return text.toString();
    }
}
