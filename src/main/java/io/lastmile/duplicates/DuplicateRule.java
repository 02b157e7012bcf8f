package io.lastmile.duplicates;

import java.time.Duration;

/**
 * When a new ticket is the same problem as an open incident of one catalog category.
 *
 * @param distanceMeters   at most this far apart (both positions known)
 * @param window           the incident's caller received at most this long before
 * @param linkAt           a score from which the new ticket is linked by itself, when both positions came from
 *                         the source and lie within the distance
 * @param suggestAt        a score from which a dispatcher is asked, for such positions
 * @param villageLinkAt    the stronger score that links when only the village tells the two are in one place
 * @param villageSuggestAt the score that asks a dispatcher when only the village tells
 */
public record DuplicateRule(double distanceMeters, Duration window, double linkAt, double suggestAt,
        double villageLinkAt, double villageSuggestAt) {
}
