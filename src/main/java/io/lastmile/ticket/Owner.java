package io.lastmile.ticket;

/**
 * Who owns a ticket and why: where it is (township, village), the unit and person that handle it,
 * and the matter of the catalog it was classified to. Any part may be null when not known.
 *
 * @param townshipCode the township (乡镇) it lies in
 * @param townshipName its name, what screens show and filter by
 * @param villageCode  the village (村/社区), when known
 * @param villageName  its name
 * @param unitCode     the owning unit (a village station, a township center, a department or the county center)
 * @param unitName     its name
 * @param catalogCode  the matter (事项) it was classified to; null while unclassified (a dispatcher decides)
 * @param catalogName  its name
 * @param assignee     the holder on duty of the unit's post (A, else B: AB岗), or null when both are off duty
 * @param routedBy     how the place was found: kiosk-registry, point, grid-code, address-text or county-default
 * @param responsible  首问负责制: who answers for it until a recorded hand-over (the operator who took the call,
 *                     or the command center that took it in from a source system)
 */
public record Owner(String townshipCode, String townshipName, String villageCode, String villageName, String unitCode,
        String unitName, String catalogCode, String catalogName, String assignee, String routedBy, String responsible) {

    /** The same owner, answered for by someone else (the operator who took the call). */
    public Owner withResponsible(String who) {
        return new Owner(townshipCode, townshipName, villageCode, villageName, unitCode, unitName, catalogCode,
                catalogName, assignee, routedBy, who);
    }
}
