package io.lastmile.intake;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Village service point kiosks: a RED (urgent help) or GREEN (consultation) button, no text. Each
 * press is its own request: the source id is the device and the moment of the press.
 */
@ApplicationScoped
public class KioskAdapter implements SourceAdapter {

    @Override
    public Channel channel() {
        return Channel.KIOSK;
    }

    @Override
    public NewTicket toTicket(byte[] body, Instant now) {
        JsonRecord r = JsonRecord.parse(body);
        String device = r.requiredText("deviceId", 64);
        Instant pressed = SourceTimes.recent("pressedAt",
                SourceTimes.withOffset("pressedAt", r.requiredText("pressedAt", 40)), now);
        String township = r.requiredText("township", 50);
        String village = r.requiredText("village", 50);
        String button = r.requiredText("button", 8);
        TicketKind kind = switch (button) {
            case "RED" -> TicketKind.KIOSK_RED;
            case "GREEN" -> TicketKind.KIOSK_GREEN;
            default -> throw IntakeRejected.invalid("button", "须为 RED 或 GREEN (unknown button '" + button + "')");
        };
        Contact contact = new Contact(null,
                PhoneNumbers.normalize("callbackPhone", r.optionalText("callbackPhone", 32).orElse(null)).orElse(null), false);
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("deviceId", device);
        extras.put("button", button);
        extras.put("township", township);
        extras.put("village", village);
        // The number stays in the contact (masked outside the database), never in the text.
        String callBack = contact.phone() == null ? "请回拨服务点终端" : "请回拨登记的号码";
        String text = (kind == TicketKind.KIOSK_RED ? "便民服务点紧急求助（红键）" : "便民服务点咨询（绿键）")
                + "：" + township + village + "，终端 " + device + "，" + callBack + "。";
        // The same instant written two ways (+08:00 or Z) is the same press.
        String sourceId = device + "@" + pressed;
        return new NewTicket(channel(), sourceId, pressed, kind, kind == TicketKind.KIOSK_RED ? Urgency.URGENT : Urgency.NORMAL,
                text, township + village, Location.UNKNOWN, contact, extras, "kiosk:" + device);
    }
}
