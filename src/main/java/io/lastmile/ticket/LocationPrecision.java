package io.lastmile.ticket;

/** How much a ticket's point can be trusted on a map. */
public enum LocationPrecision {
    /** The source sent a position. */
    EXACT,
    /** The village centroid, derived by routing. */
    VILLAGE,
    /** The township centroid, derived by routing. */
    TOWNSHIP,
    /** The county centroid: nothing better was known. */
    COUNTY,
    /** No point yet (routing derives one). */
    NONE
}
