package dev.sluice.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per account and per client address: after {@code sluice.login.max-failures}
 * failures of an account (default 5), or {@code sluice.login.max-failures-per-address} from one
 * address (default 20: many people may share one), each within the lock time of the previous one,
 * the account or address is locked for {@code sluice.login.lock-duration} (default 15 minutes) from
 * its last failure. A success clears the account's and the address's count. Kept in memory: a
 * restart forgets it.
 */
@Component
class LoginThrottle {

    private static final String ACCOUNT = "account:";
    private static final String ADDRESS = "address:";

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration lockDuration;
    private final Clock clock;

    LoginThrottle(@Value("${sluice.login.max-failures:5}") int maxFailures,
                  @Value("${sluice.login.max-failures-per-address:20}") int maxFailuresPerAddress,
                  @Value("${sluice.login.lock-duration:15m}") Duration lockDuration, Clock clock) {
        this.maxFailures = maxFailures;
        this.maxFailuresPerAddress = maxFailuresPerAddress;
        this.lockDuration = lockDuration;
        this.clock = clock;
    }

    /** Until when the account or the address is locked, if it is. */
    Optional<Instant> lockedUntil(String account, String address) {
        Instant now = clock.instant();
        return keys(account, address).stream()
                .filter(key -> {
                    Failures f = failures.get(key);
                    int limit = key.startsWith(ADDRESS) ? maxFailuresPerAddress : maxFailures;
                    return f != null && f.count() >= limit && f.last().plus(lockDuration).isAfter(now);
                })
                .map(key -> failures.get(key).last().plus(lockDuration))
                .max(Instant::compareTo);
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        for (String key : keys(account, address)) {
            failures.merge(key, new Failures(1, now), (old, one) ->
                    old.last().plus(lockDuration).isAfter(now) ? new Failures(old.count() + 1, now) : one);
        }
    }

    void succeeded(String account, String address) {
        keys(account, address).forEach(failures::remove);
    }

    /** Forgets every failure. */
    void clear() {
        failures.clear();
    }

    private static List<String> keys(String account, String address) {
        List<String> keys = new ArrayList<>(2);
        if (account != null && !account.isBlank()) {
            keys.add(ACCOUNT + account.trim().toLowerCase(Locale.ROOT));
        }
        if (address != null && !address.isBlank()) {
            keys.add(ADDRESS + address);
        }
        return keys;
    }
}
