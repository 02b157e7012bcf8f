package io.lastmile.ticket;

import java.util.Optional;

/**
 * What the ticket model needs to know from routing: the units, who is on duty in each, which unit
 * owns a matter at a place, and the level above a unit. Routing implements it; the model never
 * reads the organization itself.
 */
public interface Owners {

    /** A unit and the holder on duty of its post (AB岗), or a null holder when both are off duty. */
    record Unit(String code, String name, String holderOnDuty) {
    }

    /** A catalog item (事项). */
    record Matter(String code, String name) {
    }

    Optional<Unit> unit(String code);

    /** The unit that handles a matter at a place, by the same rules as at intake. */
    Unit owningUnit(String catalogCode, String townshipCode, String villageCode);

    /** 县综合指挥中心: takes returns and unanswered kiosk presses. */
    Unit center();

    /** 升级: the next level up (village station → township center → department or county center); empty at the top. */
    Optional<Unit> levelAbove(String unitCode, String catalogCode);

    Optional<Matter> matter(String catalogCode);
}
