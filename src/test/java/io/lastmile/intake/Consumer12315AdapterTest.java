package io.lastmile.intake;

import io.lastmile.ticket.NewTicket;
import io.lastmile.ticket.TicketKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static io.lastmile.intake.Samples.SAMPLE_NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Consumer12315AdapterTest {

    private final Consumer12315Adapter adapter = new Consumer12315Adapter();
    private final String sample = Samples.text("12315.json");

    private NewTicket parse(String body) {
        return adapter.toTicket(body.getBytes(StandardCharsets.UTF_8), SAMPLE_NOW);
    }

    @Test
    void sampleBecomesATicketWithTheRespondentAndTheAmount() {
        NewTicket t = parse(sample);
        assertEquals("3209222026112200001", t.sourceId());
        assertEquals(Instant.parse("2026-11-22T01:20:11Z"), t.sourceTime());
        assertEquals(TicketKind.COMPLAINT, t.kind());
        assertEquals("购买的酸奶已过保质期，商家拒绝退换。", t.text());
        assertEquals("13907375678", t.contact().phone(), "+86 139-0737-5678 normalized");
        assertEquals("李女士", t.contact().name());
        assertEquals(Map.of("name", "桃江县桃花江镇某某超市", "uscc", "91430922MA4L000X0J",
                "address", "桃江县桃花江镇桃花东路18号"), t.extras().get("respondent"));
        assertEquals("128.50", t.extras().get("amountInvolved"));
        assertEquals("食品", t.extras().get("productCategory"));
        assertEquals("桃江县桃花江镇桃花东路18号", t.address());
    }

    @Test
    void typesMapToKinds() {
        assertEquals(TicketKind.REPORT, parse(sample.replace("COMPLAINT", "REPORT")).kind());
        assertEquals(TicketKind.CONSULTATION, parse(sample.replace("COMPLAINT", "CONSULT")).kind());
        assertInvalid("type", () -> parse(sample.replace("COMPLAINT", "PRAISE")));
    }

    @Test
    void creditCodeWithAWrongCheckCharacterIsRefused() {
        IntakeRejected rejected = assertInvalid("respondent.uscc", () -> parse(sample.replace("91430922MA4L000X0J", "91430922MA4L000X0K")));
        assertEquals(true, rejected.reason().contains("J"), rejected.reason());
        assertInvalid("respondent.uscc", () -> parse(sample.replace("91430922MA4L000X0J", "91430922MA4L000X0")));
        assertInvalid("respondent.uscc", () -> parse(sample.replace("91430922MA4L000X0J", "91430922MA4L000I0J")));
    }

    @Test
    void amountMustBeANonNegativeDecimalWithAtMostTwoPlaces() {
        assertEquals("128.00", parse(sample.replace("\"128.50\"", "\"128\"")).extras().get("amountInvolved"));
        assertInvalid("amountInvolved", () -> parse(sample.replace("\"128.50\"", "\"12.345\"")));
        assertInvalid("amountInvolved", () -> parse(sample.replace("\"128.50\"", "\"-1\"")));
        assertInvalid("amountInvolved", () -> parse(sample.replace("\"128.50\"", "\"一百\"")));
        assertInvalid("amountInvolved", () -> parse(sample.replace("\"128.50\"", "128.5")));
        // A valid BigDecimal that would take seconds and megabytes to print is refused by its shape.
        assertInvalid("amountInvolved", () -> parse(sample.replace("\"128.50\"", "\"1E9999999\"")));
    }

    @Test
    void timeWithoutOffsetIsRefused() {
        assertInvalid("receivedAt", () -> parse(sample.replace("2026-11-22T09:20:11+08:00", "2026-11-22T09:20:11")));
    }

    @Test
    void mobileInAnyCommonFormatIsNormalized() {
        assertEquals("13907375678", parse(sample.replace("+86 139-0737-5678", "0086 13907375678")).contact().phone());
        assertInvalid("consumer.mobile", () -> parse(sample.replace("+86 139-0737-5678", "+86 139-0737")));
    }

    @Test
    void missingSummaryIsRefused() {
        assertInvalid("summary", () -> parse(sample.replace("\"summary\"", "\"note\"")));
    }
}
