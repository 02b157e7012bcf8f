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

/** 12345 call-center export: JSON with pinyin-initial field names (gdbh, ldsj, sqnr, …). */
@ApplicationScoped
public class Hotline12345Adapter implements SourceAdapter {

    @Override
    public Channel channel() {
        return Channel.HOTLINE_12345;
    }

    @Override
    public NewTicket toTicket(byte[] body, Instant now) {
        JsonRecord r = JsonRecord.parse(body);
        String id = r.requiredText("gdbh", 128);
        Instant time = SourceTimes.recent("ldsj",
                SourceTimes.local("ldsj", r.requiredText("ldsj", 32), "yyyy-MM-dd HH:mm:ss"), now);
        String kindLabel = r.requiredText("sqlx", 8);
        TicketKind kind = TicketKind.ofHotlineLabel(kindLabel).orElseThrow(() -> IntakeRejected.invalid("sqlx",
                "诉求类型须为 咨询/求助/投诉/举报/建议/表扬 (unknown kind '" + kindLabel + "')"));
        Urgency urgency = r.optionalText("jjcd", 8).map(Hotline12345Adapter::urgency).orElse(Urgency.NORMAL);
        boolean anonymous = r.optionalBoolean("sfnm").orElse(false);
        Contact contact = new Contact(r.optionalText("lxr", 100).orElse(null),
                PhoneNumbers.normalize("ldhm", r.optionalText("ldhm", 32).orElse(null)).orElse(null), anonymous);
        Map<String, Object> extras = new LinkedHashMap<>();
        r.optionalText("zxbh", 32).ifPresent(seat -> extras.put("seat", seat));
        return new NewTicket(channel(), id, time, kind, urgency, r.requiredText("sqnr", 4000),
                r.optionalText("fsdz", 500).orElse(null), Location.UNKNOWN, contact, extras, "12345-platform");
    }

    static Urgency urgency(String label) {
        return switch (label) {
            case "一般" -> Urgency.NORMAL;
            case "紧急" -> Urgency.URGENT;
            case "特急" -> Urgency.CRITICAL;
            default -> throw IntakeRejected.invalid("jjcd", "紧急程度须为 一般/紧急/特急 (unknown urgency '" + label + "')");
        };
    }
}
