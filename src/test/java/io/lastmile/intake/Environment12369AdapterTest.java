package io.lastmile.intake;

import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static io.lastmile.intake.AdapterAssertions.assertMalformed;
import static io.lastmile.intake.Samples.SAMPLE_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Environment12369AdapterTest {

    private final Environment12369Adapter adapter = new Environment12369Adapter();
    private final String sample = Samples.text("12369.xml");

    private NewTicket parse(String body) {
        return adapter.toTicket(body.getBytes(StandardCharsets.UTF_8), SAMPLE_NOW);
    }

    @Test
    void sampleBecomesAnAnonymousReportWithAWgs84Point() {
        NewTicket t = parse(sample);
        assertEquals("HB12369-2026-000311", t.sourceId());
        assertEquals(Instant.parse("2026-11-22T14:40:00Z"), t.sourceTime());
        assertEquals(TicketKind.REPORT, t.kind());
        assertEquals("夜间工厂排放刺鼻气味，附近居民无法开窗。", t.text());
        assertEquals("桃江县灰山港镇工业园东侧", t.address());
        assertTrue(t.contact().anonymous());
        assertEquals("大气", t.extras().get("pollutionType"));
        assertEquals(LocationPrecision.EXACT, t.location().precision());
        assertEquals("GCJ02", t.location().sourceSystem());
        assertEquals(112.1062, t.location().sourceLongitude());
        assertEquals(28.4123, t.location().sourceLatitude());
        double[] back = io.lastmile.geo.ChinaCoordinates.wgs84ToGcj02(t.location().longitude(), t.location().latitude());
        assertEquals(112.1062, back[0], 1e-7, "the WGS-84 point maps back onto the GCJ-02 one");
        assertEquals(28.4123, back[1], 1e-7);
        assertTrue(Math.abs(t.location().longitude() - 112.1062) > 0.003, "GCJ-02 was converted, not copied");
    }

    @Test
    void gbkEncodedReportIsReadFromItsDeclaration() {
        byte[] gbk = sample.replace("encoding=\"UTF-8\"", "encoding=\"GBK\"").getBytes(Charset.forName("GBK"));
        NewTicket t = adapter.toTicket(gbk, SAMPLE_NOW);
        assertEquals("夜间工厂排放刺鼻气味，附近居民无法开窗。", t.text());
        assertEquals("桃江县灰山港镇工业园东侧", t.address());
        assertEquals("大气", t.extras().get("pollutionType"));
    }

    @Test
    void reportWithoutAPositionHasNoPointYet() {
        NewTicket t = parse(sample.replaceAll("<zb.*</zb>", ""));
        assertEquals(LocationPrecision.NONE, t.location().precision());
    }

    @Test
    void namedReporterIsNotAnonymous() {
        assertFalse(parse(sample.replace("<jbr nm=\"true\"/>", "<jbr nm=\"false\"/>")).contact().anonymous());
    }

    @Test
    void externalEntitiesAreImpossible() {
        String xxe = sample.replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>")
                .replace("<nr>", "<nr>&x;");
        IntakeRejected rejected = assertMalformed(() -> parse(xxe));
        assertTrue(rejected.reason().contains("DOCTYPE"), rejected.reason());
    }

    @Test
    void positionOutsideChinaIsRefused() {
        assertInvalid("zb/jd", () -> parse(sample.replace("112.1062", "2.3522").replace("28.4123", "48.8566")));
    }

    @Test
    void swappedLongitudeAndLatitudeAreRefused() {
        assertInvalid("zb/jd", () -> parse(sample.replace("<jd>112.1062</jd><wd>28.4123</wd>", "<jd>28.4123</jd><wd>112.1062</wd>")));
    }

    @Test
    void unknownCoordinateSystemAndMissingLatitudeAreRefused() {
        assertInvalid("zb/@xt", () -> parse(sample.replace("GCJ02", "BD09")));
        assertInvalid("zb/wd", () -> parse(sample.replace("<wd>28.4123</wd>", "")));
        assertInvalid("zb/jd", () -> parse(sample.replace("112.1062", "东经112度")));
    }

    @Test
    void unknownPollutionTypeAndMissingTextAreRefused() {
        assertInvalid("wrlx", () -> parse(sample.replace("大气", "光")));
        assertInvalid("nr", () -> parse(sample.replaceAll("<nr>.*</nr>", "")));
        assertInvalid("jbsj", () -> parse(sample.replace("2026-11-22 22:40", "2026-11-22T22:40")));
    }

    @Test
    void notXmlIsUnreadable() {
        assertMalformed(() -> parse("{\"bh\": 1}"));
        assertMalformed(() -> parse("<report><bh>1</bh>"));
        assertMalformed(() -> parse("<other/>"));
        assertMalformed(() -> adapter.toTicket(new byte[0], SAMPLE_NOW));
    }
}
