package io.lastmile.duplicates;

import java.time.Duration;

/**
 * When two tickets of one catalog category are the same problem.
 *
 * @param distanceMeters at most this far apart (both positions known)
 * @param window         the earlier one received at most this long before
 * @param linkAt         a score from which the new ticket is linked to the earlier one by itself
 * @param suggestAt      a score from which a dispatcher is asked
 */
public record DuplicateRule(double distanceMeters, Duration window, double linkAt, double suggestAt) {
}
