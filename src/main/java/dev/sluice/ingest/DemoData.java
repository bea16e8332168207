package dev.sluice.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic product-analytics events, a pure function of (project, range, rate, seed).
 *
 * <p>{@link #count()} is {@code events_per_hour × hours}, rounded down. Event {@code i} of {@code n}
 * is at {@code start + ⌊span × i / n⌋} (microseconds), for both {@code timestamp} and
 * {@code inserted_at}: evenly spread over {@code [start, end)}, so any sub-range holds its share of
 * events within one. Its content comes from a {@link Random} seeded by (seed, i) and its uuid from
 * (project, range, rate, seed, i): the same request always produces the same events.
 *
 * <p>Each synthetic user has an anonymous distinct id ({@code anon-…}) and an identified one
 * ({@code user-N}); browsing events use either, {@code $identify} links the two (with
 * {@code $anon_distinct_id}) and sets {@code email} and {@code plan}, {@code $pageview} sets the
 * initial referrer and URL once and {@code signed_up} sets the plan, so storing the events also
 * builds persons.
 */
final class DemoData {

    static final long MICROS_PER_HOUR = 3_600_000_000L;

    private static final String[] BROWSERS = {"Chrome", "Safari", "Firefox", "Microsoft Edge", "Opera"};
    private static final String[] OPERATING_SYSTEMS = {"Mac OS X", "Windows", "Linux", "iOS", "Android"};
    private static final String[] DEVICE_TYPES = {"Desktop", "Desktop", "Desktop", "Mobile", "Mobile"};
    private static final String[] COUNTRIES = {"US", "DE", "GB", "FR", "BR", "IN", "JP", "NL"};
    private static final String[] PATHS = {"/", "/pricing", "/products", "/products/socks", "/products/mug", "/products/hoodie",
            "/cart", "/checkout", "/blog", "/blog/release-notes", "/docs", "/signup"};
    private static final String[] REFERRERS = {"$direct", "https://www.google.com/", "https://news.ycombinator.com/",
            "https://twitter.com/", "https://duckduckgo.com/"};
    private static final String[] BUTTONS = {"Add to cart", "Sign up", "Buy now", "Next", "Learn more", "Close"};
    private static final String[] PLANS = {"free", "pro", "team"};
    private static final String[] PRODUCTS = {"socks", "mug", "hoodie", "sticker pack"};
    private static final double[] PRICES = {9.99, 14.5, 49.0, 3.25};
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP"};
    /** Cumulative weights of the event kinds, out of 100. */
    private static final int[] KIND_WEIGHTS = {45, 70, 82, 88, 94, 100};
    private static final String[] KINDS = {"$pageview", "$autocapture", "$pageleave", "$identify", "signed_up", "purchase"};

    private final UUID projectId;
    private final Instant start;
    private final Instant end;
    private final int eventsPerHour;
    private final long seed;
    private final long spanMicros;
    private final long count;
    private final int users;

    DemoData(UUID projectId, Instant start, Instant end, int eventsPerHour, long seed) {
        this.projectId = projectId;
        this.start = start.truncatedTo(ChronoUnit.MICROS);
        this.end = end.truncatedTo(ChronoUnit.MICROS);
        this.eventsPerHour = eventsPerHour;
        this.seed = seed;
        this.spanMicros = ChronoUnit.MICROS.between(this.start, this.end);
        this.count = spanMicros <= 0 ? 0 : Math.multiplyExact((long) eventsPerHour, spanMicros) / MICROS_PER_HOUR;
        this.users = (int) Math.max(5, Math.min(10_000, count / 10));
    }

    /** {@code events_per_hour × (end - start) in hours}, rounded down. */
    long count() {
        return count;
    }

    /** When event {@code i} happened and was inserted. */
    Instant at(long i) {
        return start.plus(Duration.of(Math.multiplyExact(spanMicros, i) / count, ChronoUnit.MICROS));
    }

    /** Events {@code [from, to)} as rows. */
    List<EventRow> rows(long from, long to, ObjectMapper json) {
        List<EventRow> rows = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
            rows.add(row(i, json));
        }
        return rows;
    }

    private EventRow row(long i, ObjectMapper json) {
        Random random = new Random(mix(seed, i));
        int user = random.nextInt(users);
        Random traits = new Random(mix(seed ^ 0x5EED, user));
        int roll = random.nextInt(100);
        int kind = 0;
        while (roll >= KIND_WEIGHTS[kind]) {
            kind++;
        }
        String path = PATHS[random.nextInt(PATHS.length)];

        Map<String, Object> p = new LinkedHashMap<>();
        int platform = traits.nextInt(OPERATING_SYSTEMS.length);
        p.put("$browser", BROWSERS[traits.nextInt(BROWSERS.length)]);
        p.put("$os", OPERATING_SYSTEMS[platform]);
        p.put("$device_type", DEVICE_TYPES[platform]);
        p.put("$geoip_country_code", COUNTRIES[traits.nextInt(COUNTRIES.length)]);
        p.put("$current_url", "https://shop.example.com" + path);
        p.put("$host", "shop.example.com");
        p.put("$pathname", path);
        p.put("$referrer", REFERRERS[random.nextInt(REFERRERS.length)]);
        p.put("$lib", "web");
        p.put("$session_id", new UUID(mix(seed, user), at(i).getEpochSecond() / 1800).toString());
        String anonymous = "anon-" + Long.toHexString(mix(seed, user) & 0xFFFFFFFFFFFFL);
        String identified = "user-" + user;
        String distinctId = identified;
        switch (KINDS[kind]) {
            case "$pageview" -> {
                distinctId = random.nextBoolean() ? anonymous : identified;
                p.put("$set_once", Map.of("$initial_referrer", p.get("$referrer"), "$initial_current_url", p.get("$current_url")));
            }
            case "$autocapture" -> {
                distinctId = random.nextBoolean() ? anonymous : identified;
                p.put("$event_type", "click");
                p.put("$el_text", BUTTONS[random.nextInt(BUTTONS.length)]);
            }
            case "$pageleave" -> distinctId = random.nextBoolean() ? anonymous : identified;
            case "$identify" -> {
                p.put("$anon_distinct_id", anonymous);
                p.put("$set", Map.of("email", "user-" + user + "@example.com", "plan", PLANS[traits.nextInt(PLANS.length)]));
                p.put("$set_once", Map.of("first_browser", p.get("$browser")));
            }
            case "signed_up" -> {
                String plan = PLANS[random.nextInt(PLANS.length)];
                p.put("plan", plan);
                p.put("$set", Map.of("plan", plan));
            }
            case "purchase" -> {
                int product = random.nextInt(PRODUCTS.length);
                p.put("product", PRODUCTS[product]);
                p.put("amount", PRICES[product] * (1 + random.nextInt(3)));
                p.put("currency", CURRENCIES[random.nextInt(CURRENCIES.length)]);
            }
            default -> {
            }
        }
        String properties;
        try {
            properties = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("demo properties are plain JSON", e);
        }
        Instant t = at(i);
        return new EventRow(uuid(i), KINDS[kind], distinctId, properties, t, t);
    }

    private UUID uuid(long i) {
        String name = "sluice-demo/" + projectId + "/" + start + "/" + end + "/" + eventsPerHour + "/" + seed + "/" + i;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** SplitMix64 finaliser over (a, b): well-spread seeds for neighbouring indexes. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
