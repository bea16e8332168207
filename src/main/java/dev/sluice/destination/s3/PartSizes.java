package dev.sluice.destination.s3;

/**
 * How big parts are: at least {@code base} bytes (S3 needs 5 MiB for every part but the last), and
 * twice as big after every 1,000 parts, so an object of any size stays within S3's 10,000 parts.
 */
record PartSizes(long base) {

    static final long MIN_PART_BYTES = 5L * 1024 * 1024;

    PartSizes {
        if (base < MIN_PART_BYTES) {
            throw new IllegalArgumentException("S3 parts must be at least 5 MiB, not " + base + " bytes");
        }
    }

    long forPart(int number) {
        return base << Math.min((number - 1) / 1000, 8);
    }

    /** A part buffer starts small and grows, so a small interval does not hold a whole part's memory. */
    int initialCapacity() {
        return (int) Math.min(base, 256 * 1024);
    }
}
