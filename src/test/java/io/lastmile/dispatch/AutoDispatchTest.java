package io.lastmile.dispatch;

import io.lastmile.ticket.Card;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.Urgency;
import io.lastmile.ticket.event.TicketSnapshot;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the service dispatches a ticket itself at receipt, case by case. */
class AutoDispatchTest {

    private static final String CENTER = "430922-ZHZX";

    private static TicketSnapshot received(TicketKind kind, String catalog, LocationPrecision precision, String village,
            String unit, String assignee) {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-30T09:00:00+08:00");
        return new TicketSnapshot(UUID.randomUUID(), "430922-20261130-000001", "kiosk", "k-1", TicketStatus.RECEIVED, kind,
                Urgency.CRITICAL, "便民服务点紧急呼叫", null, new Location(112.05, 28.6, precision, null, null, null), Contact.NONE,
                JsonNodeFactory.instance.objectNode(), "修山镇", "430922104", village == null ? null : "花桥港村", village,
                unit == null ? null : new TicketSnapshot.Ref(unit, unit), catalog == null ? null : new TicketSnapshot.Ref(catalog, "便民服务点呼叫应答"),
                assignee, "kiosk-registry", CENTER, false, null, null, false, 0, null, 0, List.of(), now.plusMinutes(15),
                new TicketSnapshot.TimeLimits(null, null, null, Card.NONE, now.plusMinutes(12), false, false), now, now,
                "kiosk-gateway", 1);
    }

    private static TicketSnapshot certain() {
        return received(TicketKind.KIOSK_RED, "ZH-001", LocationPrecision.VILLAGE, "430922104201", "430922104-BMFW",
                "official-xiushan");
    }

    private static boolean dispatched(TicketSnapshot t, boolean channel, Boolean matter, boolean reports) {
        return AutoDispatch.reason(t, channel, matter, reports, CENTER).isPresent();
    }

    @Test
    void aTicketWhoseRoutingIsCertainIsDispatchedWithTheReasonOnTheTimeline() {
        String reason = AutoDispatch.reason(certain(), true, null, false, CENTER).orElseThrow();
        assertTrue(reason.contains("ZH-001") && reason.contains("430922104201") && reason.contains("official-xiushan"), reason);
    }

    @Test
    void anythingUncertainWaitsForADispatcher() {
        assertEquals(false, dispatched(received(TicketKind.KIOSK_RED, null, LocationPrecision.VILLAGE, "430922104201",
                "430922104-BMFW", "official-xiushan"), true, null, false), "unclassified");
        assertEquals(false, dispatched(received(TicketKind.KIOSK_RED, "ZH-001", LocationPrecision.TOWNSHIP, null,
                "430922104-BMFW", "official-xiushan"), true, null, false), "only the township known");
        assertEquals(false, dispatched(received(TicketKind.KIOSK_RED, "ZH-001", LocationPrecision.VILLAGE, "430922104201",
                "430922104-BMFW", null), true, null, false), "nobody on duty at the post");
        assertEquals(false, dispatched(received(TicketKind.KIOSK_RED, "ZH-001", LocationPrecision.VILLAGE, "430922104201",
                CENTER, "dispatcher"), true, null, false), "owned by the command center: nobody to dispatch to");
    }

    @Test
    void theChannelDecidesUnlessTheMatterSaysOtherwiseAndReportsWait() {
        assertEquals(true, dispatched(certain(), true, null, false));
        assertEquals(false, dispatched(certain(), false, null, false), "the channel is off");
        assertEquals(true, dispatched(certain(), false, true, false), "the matter turns it on");
        assertEquals(false, dispatched(certain(), true, false, false), "the matter turns it off");
        TicketSnapshot report = received(TicketKind.REPORT, "NL-002", LocationPrecision.EXACT, "430922104201",
                "430922104-BMFW", "official-xiushan");
        assertEquals(false, dispatched(report, true, null, false), "举报 wait for a dispatcher");
        assertEquals(true, dispatched(report, true, null, true), "unless reports are dispatched too");
    }
}
