package dev.sluice.security;

import dev.sluice.common.BadRequestException;
import dev.sluice.common.Ids;
import dev.sluice.common.NotFoundException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users: creation with password rules, lookup by email. */
@Service
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 10;

    private final AppUserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public UserService(AppUserRepository users, PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<AppUser> byEmail(String email) {
        return users.findByEmail(email);
    }

    @Transactional(readOnly = true)
    public AppUser get(UUID id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("User " + id + " was not found."));
    }

    @Transactional
    public AppUser create(String email, String password, boolean instanceAdmin) {
        if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new BadRequestException("email", "email must be an email address.");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new BadRequestException("password", "password must be at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (users.findByEmail(email).isPresent()) {
            throw new BadRequestException("email", "A user with this email already exists.");
        }
        return users.save(new AppUser(Ids.newId(), email.trim(), passwords.encode(password), instanceAdmin, clock.instant()));
    }

    @Transactional(readOnly = true)
    public long count() {
        return users.count();
    }
}
