package io.lastmile.ticket.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lastmile.ticket.Card;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.JointHandling;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.Urgency;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** One event with a full snapshot, for the tests that pin each view's mapper. */
public final class Snapshots {

    public static final OffsetDateTime AT = OffsetDateTime.of(2026, 11, 30, 9, 15, 0, 0, ZoneOffset.ofHours(8));

    public static TicketEvent dispatchedStreetLight() {
        TicketSnapshot ticket = new TicketSnapshot(UUID.fromString("00000000-0000-0000-0000-000000000042"),
                "430922-20261130-000042", "12345", "TJ12345-1", TicketStatus.DISPATCHED, TicketKind.COMPLAINT,
                Urgency.URGENT, "花桥港村路灯连续三晚不亮", "修山镇花桥港村村口",
                new Location(112.05, 28.6, LocationPrecision.EXACT, "GCJ02", 112.055, 28.597),
                new Contact("张三", "13907371234", false), JsonNodeFactory.instance.objectNode().put("sfnm", "0"),
                "修山镇", "430922104", "花桥港村", "430922104201",
                new TicketSnapshot.Ref("430922104-BMFW", "修山镇便民服务中心"), new TicketSnapshot.Ref("TJ-CG-001", "路灯维修"),
                "official-xiushan", "point", "430922-ZHZX", false, null, null, false, 0, null, 0,
                List.of(new JointHandling.Assistant("430922-CGJ", false, "县城管局", null)), AT.plusHours(2),
                new TicketSnapshot.TimeLimits(AT.plusHours(2), null, null, Card.NONE, AT.plusMinutes(96), false, false),
                AT.minusMinutes(5), AT.minusMinutes(4), "12345-platform", 3);
        return new TicketEvent(TicketEvent.SCHEMA_VERSION, UUID.fromString("00000000-0000-0000-0000-0000000000e3"),
                "TicketDispatched", ticket.id(), ticket.ticketNumber(), 3, Instant.parse("2026-11-30T01:15:00Z"),
                "dispatcher", null, new TicketChange.TicketDispatched("430922104-BMFW", "修山镇便民服务中心",
                        "official-xiushan", "dispatcher"), ticket);
    }

    private Snapshots() {
    }
}
