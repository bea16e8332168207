package dev.sluice.workflow;

/** A transient failure a {@link FaultPlan} injected, worded like the network error it stands for. */
final class InjectedFault extends RuntimeException {

    InjectedFault(String where) {
        super("Connection reset (injected " + where + ")");
    }
}
