package dev.sluice.common;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** The UI's visible confirmation of an action, or its error as a sentence. */
public final class Toasts {

    private static final int DURATION_MS = 5000;

    private Toasts() {
    }

    public static Notification success(String message) {
        return show(message, NotificationVariant.LUMO_SUCCESS);
    }

    /** The error's message as a sentence: a capital first letter and a full stop. */
    public static Notification error(RuntimeException error) {
        return show(sentence(error.getMessage()), NotificationVariant.LUMO_ERROR);
    }

    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "Something went wrong; the server log has the details.";
        }
        String text = message.strip();
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    private static Notification show(String message, NotificationVariant variant) {
        Notification notification = Notification.show(message, DURATION_MS, Notification.Position.BOTTOM_END);
        notification.addThemeVariants(variant);
        return notification;
    }
}
