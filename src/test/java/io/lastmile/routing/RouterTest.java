package io.lastmile.routing;

import io.lastmile.intake.Environment12369Adapter;
import io.lastmile.intake.GridCaseAdapter;
import io.lastmile.intake.Hotline12345Adapter;
import io.lastmile.intake.KioskAdapter;
import io.lastmile.intake.SourceAdapter;
import io.lastmile.intake.UrbanCaseAdapter;
import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.Owner;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RouterTest {

    private static final Instant SAMPLE_NOW = Instant.parse("2026-11-22T15:00:00Z");
    private final Router router = BundledRouting.snapshot().router();

    private static NewTicket sample(SourceAdapter adapter, String file) {
        try (InputStream in = RouterTest.class.getResourceAsStream("/samples/" + file)) {
            return adapter.toTicket(in.readAllBytes(), SAMPLE_NOW);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NewTicket call(String text) {
        return new NewTicket(Channel.HOTLINE_12345, "call-1", SAMPLE_NOW, TicketKind.HELP, Urgency.NORMAL, text, null,
                Location.UNKNOWN, Contact.NONE, Map.of(), "operator");
    }

    @Test
    void streetLightIn花桥港村IsOwnedBy修山镇AsTheCatalogSays() {
        Router.Routed routed = router.route(sample(new Hotline12345Adapter(), "12345.json"));
        Owner owner = routed.owner();
        assertEquals("修山镇", owner.townshipName());
        assertEquals("花桥港村", owner.villageName());
        assertEquals("CS-0105", owner.catalogCode(), "路灯设施报修");
        assertEquals("430922104-BMFW", owner.unitCode(), "a township-level matter: the township center");
        assertEquals("official-xiushan", owner.assignee(), "the A holder is on duty");
        assertEquals("address-text", owner.routedBy());
        assertEquals(LocationPrecision.VILLAGE, routed.location().precision(), "no coordinates: the village centre");
        assertEquals(112.047, routed.location().longitude(), 1e-9);
    }

    @Test
    void callNamingOnly大栗港镇兴坪村IsOwnedIn大栗港镇() {
        Owner owner = router.route(call("大栗港镇兴坪村自来水停水三天，家中有老人")).owner();
        assertEquals("大栗港镇", owner.townshipName());
        assertEquals("兴坪村", owner.villageName());
        assertEquals("NL-001", owner.catalogCode());
        assertEquals("430922105-BMFW", owner.unitCode());
    }

    @Test
    void environmentalReportGoesToTheDepartmentTheCatalogNames() {
        Router.Routed routed = router.route(sample(new Environment12369Adapter(), "12369.xml"));
        assertEquals("HB-001", routed.owner().catalogCode());
        assertEquals("430922-HBJ", routed.owner().unitCode());
        assertEquals("益阳市生态环境局桃江分局", routed.owner().unitName());
        assertEquals("灰山港镇", routed.owner().townshipName(), "by its converted point");
        assertEquals("point", routed.owner().routedBy());
        assertEquals(LocationPrecision.EXACT, routed.location().precision());
    }

    @Test
    void channelDefaultOf12369WinsOverAKeywordOfAnotherMatter() {
        NewTicket report = new NewTicket(Channel.ENVIRONMENT_12369, "x", SAMPLE_NOW, TicketKind.REPORT, Urgency.NORMAL,
                "路边被倾倒大量建筑垃圾", "灰山港镇", Location.UNKNOWN, Contact.NONE, Map.of(), "12369-platform");
        assertEquals("HB-001", router.route(report).owner().catalogCode());
    }

    @Test
    void urbanCaseIsClassifiedByItsCategoryCodeAndPlacedByItsPoint() {
        Owner owner = router.route(sample(new UrbanCaseAdapter(), "urban.json")).owner();
        assertEquals("CS-0105", owner.catalogCode());
        assertEquals("桃花江镇", owner.townshipName());
        assertEquals("430922101-BMFW", owner.unitCode());
    }

    @Test
    void kioskIsPlacedByTheDeviceRegistry() {
        Owner owner = router.route(sample(new KioskAdapter(), "kiosk.json")).owner();
        assertEquals("kiosk-registry", owner.routedBy());
        assertEquals("花桥港村", owner.villageName());
        assertEquals("ZH-001", owner.catalogCode());
        assertEquals("430922104-BMFW", owner.unitCode(), "the township must answer at once");
    }

    @Test
    void disputeFoundByAGridMemberStaysInTheVillage() {
        Owner owner = router.route(sample(new GridCaseAdapter(), "grid.json")).owner();
        assertEquals("SF-001", owner.catalogCode());
        assertEquals("430922104201-BMFWZ", owner.unitCode(), "small things stay in the village (小事不出村)");
        assertEquals("agent-huaqiaogang", owner.assignee());
    }

    @Test
    void gridCodeLocatesACaseWhosePointIsOutsideTheCounty() {
        NewTicket urban = new NewTicket(Channel.URBAN, "u", SAMPLE_NOW, TicketKind.URBAN_COMPONENT, Urgency.NORMAL,
                "井盖破损", null, new Location(113.5, 28.5, LocationPrecision.EXACT, "WGS84", 113.5, 28.5), Contact.NONE,
                Map.of("gridCode", "430922106007", "category", Map.of("major", "01", "minor", "0101")), "urban-platform");
        Owner owner = router.route(urban).owner();
        assertEquals("grid-code", owner.routedBy());
        assertEquals("浮邱山乡", owner.townshipName());
        assertEquals("430922-CGJ", owner.unitCode(), "manhole covers are a county matter");
    }

    @Test
    void everyCallerOfOneFallenTreeGetsTheFallenTreeMatterWhateverTheirWords() {
        // Callers of one fallen tree, each in their own words: before the classifier only the one
        // that happened to say 道路 was classified, and to the road matter.
        for (String words : List.of("花桥港村村口大树被风刮倒，横在道路中间，车辆无法通行",
                "花桥港村口那棵大树倒了，把路堵死了，请赶紧处理",
                "花桥港村路上有倒下的大树挡路，摩托车过不去",
                "修山镇花桥港村口的树昨晚刮倒了，压在路上，三轮车都过不去，电话13907370000")) {
            Owner owner = router.route(call(words)).owner();
            assertEquals("CS-0401", owner.catalogCode(), words);
            assertEquals("430922104-BMFW", owner.unitCode(), words + ": the township clears it");
        }
    }

    @Test
    void aStreetLightCallThatMentionsAPowerCutIsAboutTheStreetLight() {
        assertEquals("CS-0105", router.route(call("修山镇花桥港村路灯不亮，停电前就坏了")).owner().catalogCode());
    }

    @Test
    void unplacedAndUnclassifiedCallWaitsAtTheCountyCenter() {
        Router.Routed routed = router.route(call("我想反映一个情况"));
        assertEquals("county-default", routed.owner().routedBy());
        assertNull(routed.owner().catalogCode(), "unclassified: a dispatcher decides");
        assertNull(routed.owner().townshipName());
        assertEquals("430922-ZHZX", routed.owner().unitCode());
        assertEquals("dispatcher", routed.owner().assignee());
        assertEquals(LocationPrecision.COUNTY, routed.location().precision());
    }

    @Test
    void classifiedButUnplacedTownshipMatterAlsoWaitsAtTheCountyCenter() {
        Owner owner = router.route(call("咨询新农合缴费时间")).owner();
        assertEquals("LB-001", owner.catalogCode());
        assertEquals("430922-ZHZX", owner.unitCode(), "no township known to hand it to");
    }

    @Test
    void ticketGoesToBWhenAIsOffDutyAndToNobodyWhenBothAre() {
        NewTicket streetLight = sample(new Hotline12345Adapter(), "12345.json");
        Router aOff = BundledRouting.withDuty("430922104-BMFW/受理岗", false, true).router();
        assertEquals("official-xiushan-b", aOff.route(streetLight).owner().assignee());
        Router bothOff = BundledRouting.withDuty("430922104-BMFW/受理岗", false, false).router();
        Owner owner = bothOff.route(streetLight).owner();
        assertNull(owner.assignee(), "nobody on duty: the unit's queue waits for a dispatcher");
        assertEquals("430922104-BMFW", owner.unitCode(), "the unit still owns it");
    }
}
