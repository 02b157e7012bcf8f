package io.lastmile.intake;

import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.Urgency;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static io.lastmile.intake.Samples.SAMPLE_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KioskAdapterTest {

    private final KioskAdapter adapter = new KioskAdapter();
    private final String sample = Samples.text("kiosk.json");

    private NewTicket parse(String body) {
        return adapter.toTicket(body.getBytes(StandardCharsets.UTF_8), SAMPLE_NOW);
    }

    @Test
    void redPressIsAnUrgentHelpRequestWithAGeneratedText() {
        NewTicket t = parse(sample);
        assertEquals(TicketKind.KIOSK_RED, t.kind());
        assertEquals(Urgency.URGENT, t.urgency(), "a RED press is urgent");
        assertEquals(Instant.parse("2026-11-22T02:11:00Z"), t.sourceTime());
        assertEquals("KIOSK-XSZ-HQG-01@2026-11-22T02:11:00Z", t.sourceId());
        assertTrue(t.text().contains("紧急求助") && t.text().contains("修山镇花桥港村"), t.text());
        assertEquals("修山镇花桥港村", t.address());
        assertEquals("KIOSK-XSZ-HQG-01", t.extras().get("deviceId"));
        assertEquals("花桥港村", t.extras().get("village"));
        assertNull(t.contact().phone(), "no callback number: the operator calls the kiosk");
    }

    @Test
    void greenPressIsAConsultation() {
        NewTicket t = parse(sample.replace("\"RED\"", "\"GREEN\""));
        assertEquals(TicketKind.KIOSK_GREEN, t.kind());
        assertEquals(Urgency.NORMAL, t.urgency());
        assertInvalid("button", () -> parse(sample.replace("\"RED\"", "\"BLUE\"")));
    }

    @Test
    void samePressWrittenInAnotherOffsetIsTheSameRequestAndAnotherPressIsNot() {
        String sameInstantInUtc = sample.replace("2026-11-22T10:11:00+08:00", "2026-11-22T02:11:00Z");
        String aMinuteLater = sample.replace("2026-11-22T10:11:00+08:00", "2026-11-22T10:12:00+08:00");
        assertEquals(parse(sample).sourceId(), parse(sameInstantInUtc).sourceId());
        assertNotEquals(parse(sample).sourceId(), parse(aMinuteLater).sourceId());
    }

    @Test
    void callbackNumberIsNormalizedAndKeptOutOfTheText() {
        NewTicket t = parse(sample.replace("\"callbackPhone\": null", "\"callbackPhone\": \"139 0737 1111\""));
        assertEquals("13907371111", t.contact().phone());
        assertFalse(t.text().contains("13907371111"), t.text());
    }

    @Test
    void missingVillageIsRefused() {
        assertInvalid("village", () -> parse(sample.replace("\"village\": \"花桥港村\",", "")));
    }
}
