package io.lastmile.intake;

import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static io.lastmile.intake.Samples.SAMPLE_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GridCaseAdapterTest {

    private final GridCaseAdapter adapter = new GridCaseAdapter();
    private final String sample = Samples.text("grid.json");

    private NewTicket parse(String body) {
        return adapter.toTicket(body.getBytes(StandardCharsets.UTF_8), SAMPLE_NOW);
    }

    @Test
    void sampleBecomesAGridCase() {
        NewTicket t = parse(sample);
        assertEquals("WG2026112200031", t.sourceId());
        assertEquals(TicketKind.GRID_CASE, t.kind());
        assertEquals("矛盾纠纷", t.extras().get("category"));
        assertEquals("430922104001", t.extras().get("gridCode"));
        assertEquals(112.0501, t.location().longitude(), 0.0);
    }

    @Test
    void gcj02PositionIsConverted() {
        NewTicket t = parse(sample.replace("\"WGS84\"", "\"GCJ02\""));
        assertEquals("GCJ02", t.location().sourceSystem());
        assertEquals(112.0501, t.location().sourceLongitude(), 0.0);
        assertEquals(112.0501, io.lastmile.geo.ChinaCoordinates.wgs84ToGcj02(t.location().longitude(), t.location().latitude())[0], 1e-7);
    }

    @Test
    void badGridCodeIsRefused() {
        assertInvalid("gridCode", () -> parse(sample.replace("430922104001", "4309")));
    }
}
