package io.lastmile.security;

import java.time.Instant;

/** A person who signs in: their role and unit, and whether they may sign in now. */
record Account(String username, String displayName, Role role, String unitCode, String passwordHash, boolean enabled,
        int failedLogins, Instant lockedUntil) {

    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
