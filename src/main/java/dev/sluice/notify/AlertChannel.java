package dev.sluice.notify;

/** Somewhere alerts go. Delivery failures are thrown; the dispatcher logs them. */
interface AlertChannel {

    /** A short name for logs. */
    String name();

    boolean enabled();

    void send(Alert alert) throws Exception;
}
