package dev.sluice.common;

/** The {@code limit} query parameter of list endpoints: 1..1000, 100 when absent. */
public final class QueryLimit {

    public static final int DEFAULT = 100;
    public static final int MAX = 1000;

    private QueryLimit() {
    }

    public static int of(Integer limit) {
        if (limit == null) {
            return DEFAULT;
        }
        if (limit < 1 || limit > MAX) {
            throw new BadRequestException("limit", "limit must be between 1 and " + MAX + ".");
        }
        return limit;
    }
}
