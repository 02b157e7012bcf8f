package io.lastmile.intake;

import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static io.lastmile.intake.Samples.SAMPLE_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

class UrbanCaseAdapterTest {

    private final UrbanCaseAdapter adapter = new UrbanCaseAdapter();
    private final String sample = Samples.text("urban.json");

    private NewTicket parse(String body) {
        return adapter.toTicket(body.getBytes(StandardCharsets.UTF_8), SAMPLE_NOW);
    }

    @Test
    void sampleBecomesAComponentCaseWithCodesGridAndPoint() {
        NewTicket t = parse(sample);
        assertEquals("CG2026112200017", t.sourceId());
        assertEquals(Instant.ofEpochMilli(1795311034000L), t.sourceTime());
        assertEquals(TicketKind.URBAN_COMPONENT, t.kind());
        assertEquals("桃花东路与人民路交叉口路灯灯杆倾斜，存在倒伏风险。", t.text());
        assertEquals(Map.of("major", "01", "minor", "0105", "name", "路灯"), t.extras().get("category"));
        assertEquals("430922101001", t.extras().get("gridCode"));
        assertEquals("监督员上报", t.extras().get("foundBy"));
        assertEquals("J0231", t.extras().get("inspectorId"));
        assertEquals(List.of("urban/CG2026112200017/1.jpg"), t.extras().get("photos"));
        assertEquals(LocationPrecision.EXACT, t.location().precision());
        assertEquals(112.1419, t.location().longitude(), 0.0, "CGCS2000 is taken as WGS-84");
        assertEquals(28.5207, t.location().latitude(), 0.0);
        assertEquals("CGCS2000", t.location().sourceSystem());
    }

    @Test
    void eventKindIsRead() {
        assertEquals(TicketKind.URBAN_EVENT, parse(sample.replace("\"部件\"", "\"事件\"")).kind());
        assertInvalid("category.kind", () -> parse(sample.replace("\"部件\"", "\"设施\"")));
    }

    @Test
    void minorCodeMustBelongToItsMajorCode() {
        assertInvalid("category.minor", () -> parse(sample.replace("\"0105\"", "\"0205\"")));
        assertInvalid("category.major", () -> parse(sample.replace("\"01\"", "\"1\"")));
    }

    @Test
    void gridCodeMustBeTwelveDigits() {
        assertInvalid("gridCode", () -> parse(sample.replace("430922101001", "430922-101-001")));
    }

    @Test
    void reportTimeMustBeEpochMillis() {
        assertInvalid("reportTime", () -> parse(sample.replace("1795311034000", "\"2026-11-22 09:30\"")));
        assertInvalid("reportTime", () -> parse(sample.replace("1795311034000", "1795311034000.5")));
        // Seconds instead of milliseconds read as January 1970: older than a year.
        assertInvalid("reportTime", () -> parse(sample.replace("1795311034000", "1795311034")));
    }

    @Test
    void positionMustBeNumbersInsideChina() {
        assertInvalid("x", () -> parse(sample.replace("112.1419", "\"112.1419\"")));
        assertInvalid("x", () -> parse(sample.replace("112.1419", "-112.1419")));
        assertInvalid("coordSys", () -> parse(sample.replace("CGCS2000", "EPSG:3857")));
    }
}
