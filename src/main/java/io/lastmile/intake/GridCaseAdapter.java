package io.lastmile.intake;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** 综治网格 comprehensive-governance grid platform: a case a grid member (网格员) found in their cell. */
@ApplicationScoped
public class GridCaseAdapter implements SourceAdapter {

    @Override
    public Channel channel() {
        return Channel.GRID;
    }

    @Override
    public NewTicket toTicket(byte[] body, Instant now) {
        JsonRecord r = JsonRecord.parse(body);
        String id = r.requiredText("caseId", 128);
        Instant time = SourceTimes.recent("time", SourceTimes.withOffset("time", r.requiredText("time", 40)), now);
        String grid = r.requiredText("gridCode", 16);
        if (!grid.matches("\\d{12}")) {
            throw IntakeRejected.invalid("gridCode", "须为12位数字 (must be 12 digits, got '" + grid + "')");
        }
        var location = Coordinates.fromSource(r.requiredText("coordSys", 16), r.requiredNumber("lon"),
                r.requiredNumber("lat"), "coordSys", "lon", "lat");
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("gridCode", grid);
        extras.put("category", r.requiredText("category", 50));
        r.optionalText("memberId", 32).ifPresent(member -> extras.put("memberId", member));
        return new NewTicket(channel(), id, time, TicketKind.GRID_CASE, Urgency.NORMAL, r.requiredText("text", 4000),
                null, location, Contact.NONE, extras, "grid-platform");
    }
}
