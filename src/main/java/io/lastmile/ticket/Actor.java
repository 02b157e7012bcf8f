package io.lastmile.ticket;

/**
 * Who takes a step, as the ticket model needs to know it: the name the timeline records, what
 * kind of actor it is, the unit an official works for, and the tickets they may read. Security
 * turns a signed-in caller into one; the service's own jobs use {@link #system}.
 *
 * @param name     the account name (or the job's name) written on the timeline
 * @param kind     decides which steps the actor may take at all
 * @param unitCode the official's unit, or null
 * @param scope    the tickets the actor may read; acting needs more (see {@link ActingRules})
 */
public record Actor(String name, Kind kind, String unitCode, TicketScope scope) {

    /** The kinds of actors the acting rules tell apart. */
    public enum Kind {
        /** 坐席: takes calls, answers consultations, calls citizens back. */
        OPERATOR,
        /** 指挥中心调度: the command center; may act on a unit's behalf. */
        DISPATCHER,
        /** An official of a township center, village station or county department. */
        OFFICIAL,
        /** 督办: presses units. */
        SUPERVISOR,
        /** Administers the service; takes no step on tickets. */
        ADMIN,
        /** The service itself: the time-limit watch and duplicate detection. */
        SYSTEM
    }

    public Actor {
        if (name == null || name.isBlank() || kind == null || scope == null) {
            throw new IllegalArgumentException("an actor needs a name, a kind and a scope");
        }
    }

    /** The service's own job acting on the command center's behalf, under its own name on the timeline. */
    public static Actor system(String name) {
        return new Actor(name, Kind.SYSTEM, null, TicketScope.EVERYTHING);
    }
}
