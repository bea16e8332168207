/**
 * Watches runs as they finish: pauses an export after repeated user-error failures and sends
 * alerts (failures, runs longer than their interval, empty intervals that usually have rows) to a
 * signed webhook and, when SMTP is configured, by email.
 */
package dev.sluice.notify;
