package io.lastmile.intake;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 数字城管 cases (GB/T 30428 style): 部件/事件 with the standard's category codes, a grid cell and a position. */
@ApplicationScoped
public class UrbanCaseAdapter implements SourceAdapter {

    static final int MAX_PHOTOS = 20;

    @Override
    public Channel channel() {
        return Channel.URBAN;
    }

    @Override
    public NewTicket toTicket(byte[] body, Instant now) {
        JsonRecord r = JsonRecord.parse(body);
        String id = r.requiredText("caseNo", 128);
        long millis = r.requiredInteger("reportTime");
        Instant time = SourceTimes.recent("reportTime", Instant.ofEpochMilli(millis), now);
        String kindLabel = r.requiredText("category.kind", 8);
        TicketKind kind = switch (kindLabel) {
            case "部件" -> TicketKind.URBAN_COMPONENT;
            case "事件" -> TicketKind.URBAN_EVENT;
            default -> throw IntakeRejected.invalid("category.kind", "须为 部件 或 事件 (unknown kind '" + kindLabel + "')");
        };
        String major = digits(r.requiredText("category.major", 8), "category.major", 2);
        String minor = digits(r.requiredText("category.minor", 8), "category.minor", 4);
        if (!minor.startsWith(major)) {
            throw IntakeRejected.invalid("category.minor", "小类 " + minor + " 不属于大类 " + major
                    + " (minor code does not belong to major code)");
        }
        String grid = digits(r.requiredText("gridCode", 16), "gridCode", 12);
        Location location = Coordinates.fromSource(r.requiredText("coordSys", 16), r.requiredNumber("x"),
                r.requiredNumber("y"), "coordSys", "x", "y");
        Map<String, Object> category = new LinkedHashMap<>();
        category.put("major", major);
        category.put("minor", minor);
        r.optionalText("category.name", 50).ifPresent(name -> category.put("name", name));
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("category", category);
        extras.put("gridCode", grid);
        r.optionalText("source", 20).ifPresent(source -> extras.put("foundBy", source));
        r.optionalText("inspectorId", 32).ifPresent(inspector -> extras.put("inspectorId", inspector));
        List<String> photos = new ArrayList<>();
        r.node("photos").ifPresent(node -> node.forEach(photo -> photos.add(photo.asText())));
        if (photos.size() > MAX_PHOTOS || photos.stream().anyMatch(p -> p.length() > 500)) {
            throw IntakeRejected.invalid("photos", "照片最多" + MAX_PHOTOS + "张，每个引用不超过500字符 (at most "
                    + MAX_PHOTOS + " photo references of at most 500 characters)");
        }
        extras.put("photos", photos);
        return new NewTicket(channel(), id, time, kind, Urgency.NORMAL, r.requiredText("description", 4000), null,
                location, Contact.NONE, extras, "urban-platform");
    }

    private static String digits(String text, String field, int length) {
        if (text.length() != length || !text.chars().allMatch(Character::isDigit)) {
            throw IntakeRejected.invalid(field, "须为" + length + "位数字 (must be " + length + " digits, got '" + text + "')");
        }
        return text;
    }
}
