package io.lastmile.intake;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.Contact;
import io.lastmile.ticket.Location;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** 12315 market-regulation platform: a consumer's complaint about a named business (被投诉方). */
@ApplicationScoped
public class Consumer12315Adapter implements SourceAdapter {

    @Override
    public Channel channel() {
        return Channel.CONSUMER_12315;
    }

    @Override
    public NewTicket toTicket(byte[] body, Instant now) {
        JsonRecord r = JsonRecord.parse(body);
        String id = r.requiredText("complaintId", 128);
        Instant time = SourceTimes.recent("receivedAt",
                SourceTimes.withOffset("receivedAt", r.requiredText("receivedAt", 40)), now);
        String type = r.requiredText("type", 16);
        TicketKind kind = switch (type) {
            case "COMPLAINT" -> TicketKind.COMPLAINT;
            case "REPORT" -> TicketKind.REPORT;
            case "CONSULT" -> TicketKind.CONSULTATION;
            default -> throw IntakeRejected.invalid("type",
                    "类型须为 COMPLAINT/REPORT/CONSULT (unknown type '" + type + "')");
        };
        Contact contact = new Contact(r.optionalText("consumer.name", 100).orElse(null),
                PhoneNumbers.normalize("consumer.mobile", r.optionalText("consumer.mobile", 32).orElse(null)).orElse(null),
                false);
        Map<String, Object> respondent = new LinkedHashMap<>();
        respondent.put("name", r.requiredText("respondent.name", 200));
        r.optionalText("respondent.uscc", 32).ifPresent(code -> respondent.put("uscc", CreditCodes.require("respondent.uscc", code)));
        String respondentAddress = r.optionalText("respondent.address", 500).orElse(null);
        if (respondentAddress != null) {
            respondent.put("address", respondentAddress);
        }
        Map<String, Object> extras = new LinkedHashMap<>();
        extras.put("respondent", respondent);
        r.optionalText("productCategory", 100).ifPresent(category -> extras.put("productCategory", category));
        r.optionalText("amountInvolved", 32).ifPresent(amount -> extras.put("amountInvolved", amount(amount)));
        r.node("attachments").ifPresent(attachments -> extras.put("attachmentCount", attachments.size()));
        return new NewTicket(channel(), id, time, kind, Urgency.NORMAL, r.requiredText("summary", 4000),
                respondentAddress, Location.UNKNOWN, contact, extras, "12315-platform");
    }

    /** A decimal string in yuan, at most two decimals: kept as the exact string, never as a double. */
    static String amount(String text) {
        // Checked by shape first: "1E9999999" is a valid BigDecimal that takes seconds and megabytes to print.
        if (!text.matches("-?\\d{1,13}(\\.\\d{1,})?")) {
            throw IntakeRejected.invalid("amountInvolved", "金额须为十进制数字符串，如 \"128.50\" (not a decimal amount in yuan: '"
                    + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "')");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw IntakeRejected.invalid("amountInvolved", "金额须为十进制数字符串，如 \"128.50\" (not a decimal: '" + text + "')");
        }
        if (amount.signum() < 0 || amount.scale() > 2) {
            throw IntakeRejected.invalid("amountInvolved", "金额须为非负且最多两位小数 (must be >= 0 with at most 2 decimals)");
        }
        return amount.setScale(2).toPlainString();
    }
}
