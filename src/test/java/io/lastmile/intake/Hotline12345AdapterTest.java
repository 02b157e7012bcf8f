package io.lastmile.intake;

import io.lastmile.ticket.Channel;
import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static io.lastmile.intake.AdapterAssertions.assertMalformed;
import static io.lastmile.intake.Samples.SAMPLE_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Hotline12345AdapterTest {

    private final Hotline12345Adapter adapter = new Hotline12345Adapter();
    private final String sample = Samples.text("12345.json");

    private NewTicket parse(String body) {
        return adapter.toTicket(body.getBytes(StandardCharsets.UTF_8), SAMPLE_NOW);
    }

    @Test
    void sampleBecomesATicketWithEveryField() {
        NewTicket t = parse(sample);
        assertEquals(Channel.HOTLINE_12345, t.channel());
        assertEquals("TJ12345-20261122-0042", t.sourceId());
        assertEquals(Instant.parse("2026-11-22T01:14:03Z"), t.sourceTime(), "ldsj is Asia/Shanghai local time");
        assertEquals(TicketKind.COMPLAINT, t.kind());
        assertEquals(Urgency.NORMAL, t.urgency());
        assertEquals("修山镇花桥港村村口路灯连续三晚不亮，夜间行人不便，请尽快维修。", t.text());
        assertEquals("桃江县修山镇花桥港村村口", t.address());
        assertEquals("13907371234", t.contact().phone());
        assertEquals("张先生", t.contact().name());
        assertFalse(t.contact().anonymous());
        assertEquals("0812", t.extras().get("seat"));
        assertEquals(LocationPrecision.NONE, t.location().precision(), "no coordinates: routing derives a point");
    }

    @Test
    void urgencyAndAnonymityAreRead() {
        NewTicket t = parse(sample.replace("\"一般\"", "\"特急\"").replace("\"sfnm\": false", "\"sfnm\": true"));
        assertEquals(Urgency.CRITICAL, t.urgency());
        assertTrue(t.contact().anonymous());
    }

    @Test
    void missingCallTimeIsRefusedNamingLdsj() {
        assertInvalid("ldsj", () -> parse(sample.replace("\"ldsj\": \"2026-11-22 09:14:03\",", "")));
    }

    @Test
    void callTimeInAnotherFormatIsRefusedWithTheExpectedFormat() {
        IntakeRejected rejected = assertInvalid("ldsj", () -> parse(sample.replace("2026-11-22 09:14:03", "2026/11/22 09:14")));
        assertTrue(rejected.reason().contains("yyyy-MM-dd HH:mm:ss"), rejected.reason());
    }

    @Test
    void callTimeMoreThanTenMinutesAheadIsRefused() {
        assertInvalid("ldsj", () -> parse(sample.replace("2026-11-22 09:14:03", "2026-11-22 23:11:00")));
    }

    @Test
    void callTimeOlderThanAYearIsRefused() {
        assertInvalid("ldsj", () -> parse(sample.replace("2026-11-22 09:14:03", "2025-11-22 09:14:03")));
    }

    @Test
    void unknownKindIsRefusedNamingSqlx() {
        assertInvalid("sqlx", () -> parse(sample.replace("\"投诉\"", "\"抱怨\"")));
    }

    @Test
    void unknownUrgencyIsRefusedNamingJjcd() {
        assertInvalid("jjcd", () -> parse(sample.replace("\"一般\"", "\"很急\"")));
    }

    @Test
    void emptyTextIsRefusedNamingSqnr() {
        assertInvalid("sqnr", () -> parse(sample.replace("修山镇花桥港村村口路灯连续三晚不亮，夜间行人不便，请尽快维修。", "   ")));
    }

    @Test
    void textOfTheWrongTypeIsRefused() {
        assertInvalid("sqnr", () -> parse(sample.replace("\"修山镇花桥港村村口路灯连续三晚不亮，夜间行人不便，请尽快维修。\"", "42")));
    }

    @Test
    void phoneThatIsNotANumberIsRefusedNamingLdhm() {
        assertInvalid("ldhm", () -> parse(sample.replace("13907371234", "12345")));
    }

    @Test
    void emptyBodyInvalidJsonAndInvalidUtf8AreUnreadable() {
        assertMalformed(() -> adapter.toTicket(new byte[0], SAMPLE_NOW));
        assertMalformed(() -> parse("{\"gdbh\": "));
        assertMalformed(() -> parse("[1, 2]"));
        byte[] invalidUtf8 = {'{', '"', 's', 'q', 'n', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertMalformed(() -> adapter.toTicket(invalidUtf8, SAMPLE_NOW));
    }
}
