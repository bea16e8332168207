package dev.sluice.common;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The roles of this process, from {@code sluice.roles} ({@code SLUICE_ROLES=web}, {@code worker}
 * or {@code web,worker}; both when unset). A web-only process starts no Temporal worker; a
 * worker-only process serves nothing over HTTP but actuator.
 */
public record SluiceRoles(Set<Role> roles) {

    public static final String PROPERTY = "sluice.roles";

    public SluiceRoles {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " must name at least one of: web, worker");
        }
        roles = Set.copyOf(roles);
    }

    public static SluiceRoles of(Environment env) {
        List<String> names = Binder.get(env).bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of("web", "worker"));
        return parse(names);
    }

    static SluiceRoles parse(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty()) {
                continue;
            }
            switch (trimmed) {
                case "web" -> roles.add(Role.WEB);
                case "worker" -> roles.add(Role.WORKER);
                default -> throw new IllegalArgumentException(PROPERTY + " has an unknown role '" + name.trim() + "'; the roles are web and worker");
            }
        }
        return new SluiceRoles(roles);
    }

    public boolean web() {
        return roles.contains(Role.WEB);
    }

    public boolean worker() {
        return roles.contains(Role.WORKER);
    }
}
