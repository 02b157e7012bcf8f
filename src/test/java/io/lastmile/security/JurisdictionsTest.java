package io.lastmile.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lastmile.platform.ClasspathText;
import io.lastmile.routing.Organization;
import io.lastmile.ticket.TicketScope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who reaches which tickets, from the shipped organization of 桃江县. */
class JurisdictionsTest {

    private static final Organization TAOJIANG;

    static {
        try {
            TAOJIANG = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .readValue(ClasspathText.read("routing/organization.json"), Organization.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TicketScope.Reach ticket(String unit, String township, String village, String... assisting) {
        return new TicketScope.Reach(unit, township, village, List.of(assisting));
    }

    @Test
    void aTownshipCenterReachesItsVillageStationsAndItsTownship() {
        TicketScope xiushan = Jurisdictions.scopeOf(Role.OFFICIAL, "430922104-BMFW", TAOJIANG);
        assertEquals(Set.of("430922104-BMFW", "430922104201-BMFWZ", "430922104202-BMFWZ"), xiushan.unitCodes());
        assertTrue(xiushan.covers(ticket("430922104201-BMFWZ", "430922104", "430922104201")));
        // Owned by a county department but located in 修山镇: the township sees it.
        assertTrue(xiushan.covers(ticket("430922-CGJ", "430922104", null)));
        assertFalse(xiushan.covers(ticket("430922103-BMFW", "430922103", "430922103202")));
        assertFalse(xiushan.covers(ticket("430922-ZHZX", null, null)));
    }

    @Test
    void aVillageStationReachesItsVillageOnly() {
        TicketScope huaqiaogang = Jurisdictions.scopeOf(Role.OFFICIAL, "430922104201-BMFWZ", TAOJIANG);
        assertTrue(huaqiaogang.covers(ticket("430922104-BMFW", "430922104", "430922104201")));
        assertFalse(huaqiaogang.covers(ticket("430922104-BMFW", "430922104", "430922104202")));
        assertFalse(huaqiaogang.covers(ticket("430922104-BMFW", "430922104", null)));
    }

    @Test
    void aDepartmentReachesWhatItOwnsOrAssistsWithButNoArea() {
        TicketScope cgj = Jurisdictions.scopeOf(Role.OFFICIAL, "430922-CGJ", TAOJIANG);
        assertEquals(null, cgj.areaCode());
        assertTrue(cgj.covers(ticket("430922-CGJ", "430922104", null)));
        assertTrue(cgj.covers(ticket("430922104-BMFW", "430922104", null, "430922-CGJ")));
        assertFalse(cgj.covers(ticket("430922104-BMFW", "430922104", null, "430922-SLJ")));
    }

    @Test
    void countyRolesReachEverythingAndUnknownUnitsNothing() {
        for (Role role : List.of(Role.OPERATOR, Role.DISPATCHER, Role.SUPERVISOR, Role.ADMIN)) {
            assertTrue(Jurisdictions.scopeOf(role, null, TAOJIANG).everything(), role.name());
        }
        assertEquals(TicketScope.NOTHING, Jurisdictions.scopeOf(Role.OFFICIAL, "430922999-GONE", TAOJIANG));
        assertEquals(TicketScope.NOTHING, Jurisdictions.scopeOf(Role.OFFICIAL, null, TAOJIANG));
        assertEquals(TicketScope.NOTHING, Jurisdictions.scopeOf(Role.SOURCE, null, TAOJIANG));
    }
}
