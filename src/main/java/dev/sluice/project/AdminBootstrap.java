package dev.sluice.project;

import dev.sluice.common.Ids;
import dev.sluice.security.AppUser;
import dev.sluice.security.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On the first start, creates the admin ({@code SLUICE_ADMIN_EMAIL} / {@code SLUICE_ADMIN_PASSWORD},
 * or a generated password printed once) and a "Default project".
 */
@Component
class AdminBootstrap {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final ProjectService projects;
    private final String email;
    private final String password;

    AdminBootstrap(UserService users, ProjectService projects,
                   @Value("${SLUICE_ADMIN_EMAIL:${sluice.admin.email:admin@localhost}}") String email,
                   @Value("${SLUICE_ADMIN_PASSWORD:${sluice.admin.password:}}") String password) {
        this.users = users;
        this.projects = projects;
        this.email = email;
        this.password = password;
    }

    @EventListener(ApplicationStartedEvent.class)
    @Transactional
    public void createFirstAdmin() {
        if (users.count() > 0) {
            return;
        }
        boolean generated = password.isBlank();
        String pw = generated ? Ids.token("", 12) : password;
        AppUser admin = users.create(email, pw, true);
        projects.create("Default project", admin.getId());
        if (generated) {
            // Printed once, on the first start only: the operator needs it to log in.
            log.warn("\n\n  Sluice admin created: {} / {}\n  Set SLUICE_ADMIN_EMAIL and SLUICE_ADMIN_PASSWORD to choose them.\n", email, pw);
        } else {
            log.info("Sluice admin {} created", email);
        }
    }
}
