package io.lastmile.kpi;

import io.lastmile.ticket.KpiQueries;

/**
 * One group's counts as the live KPIs keep them: the same counts as {@link KpiQueries.Counts}, and
 * the open tickets with their cards, which are a state now rather than a period's figure.
 */
final class LiveTally {

    long received, immediate, handled, resolved, urbanDispatched, urbanDisposed, handOvers, signedFor, signedOnTime,
            returned, closed, redone, completionDue, resolvedOnTime, revisits, satisfied, open, openYellow, openRed;
    double resolveSeconds, signSeconds;

    /** Adds {@code other} once ({@code sign} 1) or takes it away again ({@code sign} -1). */
    void add(LiveTally other, int sign) {
        received += sign * other.received;
        immediate += sign * other.immediate;
        handled += sign * other.handled;
        resolved += sign * other.resolved;
        urbanDispatched += sign * other.urbanDispatched;
        urbanDisposed += sign * other.urbanDisposed;
        handOvers += sign * other.handOvers;
        signedFor += sign * other.signedFor;
        signedOnTime += sign * other.signedOnTime;
        returned += sign * other.returned;
        closed += sign * other.closed;
        redone += sign * other.redone;
        completionDue += sign * other.completionDue;
        resolvedOnTime += sign * other.resolvedOnTime;
        revisits += sign * other.revisits;
        satisfied += sign * other.satisfied;
        open += sign * other.open;
        openYellow += sign * other.openYellow;
        openRed += sign * other.openRed;
        resolveSeconds += sign * other.resolveSeconds;
        signSeconds += sign * other.signSeconds;
    }

    boolean isEmpty() {
        return received == 0 && immediate == 0 && handled == 0 && resolved == 0 && urbanDispatched == 0 && urbanDisposed == 0
                && handOvers == 0 && signedFor == 0 && signedOnTime == 0 && returned == 0 && closed == 0 && redone == 0
                && completionDue == 0 && resolvedOnTime == 0 && revisits == 0 && satisfied == 0 && open == 0 && openYellow == 0
                && openRed == 0;
    }

    KpiQueries.Counts counts(String key) {
        return new KpiQueries.Counts(key, received, immediate, handled, resolved, resolveSeconds, urbanDispatched, urbanDisposed,
                handOvers, signedFor, signedOnTime, signSeconds, returned, closed, redone, completionDue, resolvedOnTime,
                revisits, satisfied);
    }
}
