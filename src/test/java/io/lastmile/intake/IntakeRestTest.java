package io.lastmile.intake;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

/** Source systems posting their native records to {@code /api/v1/intake/<channel>}. */
@QuarkusTest
class IntakeRestTest {

    private static ValidatableResponse post(String channel, byte[] body, String contentType) {
        return asSource().contentType(contentType).body(body)
                .when().post("/api/v1/intake/" + channel)
                .then();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "12315", "12369", "urban", "kiosk", "grid"})
    void eachSampleBecomesOneTicketAndARedeliveryAnswersTheSameNumber(String channel) {
        Samples.Fresh sample = Samples.fresh(channel);
        String type = channel.equals("12369") ? "application/xml" : "application/json";

        String number = post(channel, sample.bytes(), type)
                .statusCode(201)
                .contentType("application/json")
                .body("duplicate", equalTo(false))
                .body("status", equalTo("RECEIVED"))
                .body("id", notNullValue())
                .extract().path("ticketNumber");
        post(channel, sample.bytes(), type)
                .statusCode(200)
                .body("duplicate", equalTo(true))
                .body("ticketNumber", equalTo(number));

        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("channel", equalTo(channel))
                .body("sourceId", equalTo(sample.sourceId()));
    }

    @Test
    void the12345SampleKeepsTextTimePhoneAndKind() {
        Samples.Fresh sample = Samples.fresh("12345");
        String number = post("12345", sample.bytes(), "application/json").statusCode(201).extract().path("ticketNumber");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("text", equalTo("修山镇花桥港村村口路灯连续三晚不亮，夜间行人不便，请尽快维修。"))
                .body("kind", equalTo("COMPLAINT"))
                .body("kindLabel", equalTo("投诉"))
                .body("contact.phone", equalTo("13907371234"))
                .body("extras.seat", equalTo("0812"));
    }

    @Test
    void the12369SampleInGbkHasItsTextAndAWgs84Point() {
        byte[] gbk = Samples.fresh("12369").body().replace("encoding=\"UTF-8\"", "encoding=\"GBK\"")
                .getBytes(Charset.forName("GBK"));
        String number = post("12369", gbk, "application/xml").statusCode(201).extract().path("ticketNumber");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().statusCode(200)
                .body("text", equalTo("夜间工厂排放刺鼻气味，附近居民无法开窗。"))
                .body("location.precision", equalTo("EXACT"))
                .body("location.sourceSystem", equalTo("GCJ02"))
                .body("location.sourceLongitude", equalTo(112.1062f))
                .body("contact.anonymous", equalTo(true))
                .body("extras.pollutionType", equalTo("大气"));
    }

    @Test
    void invalidFieldIsA422NamingTheFieldAsTheSourceSpellsIt() {
        String body = Samples.fresh("12345").body().replaceAll("\"ldsj\": \"[^\"]*\"", "\"ldsj\": \"昨天\"");
        post("12345", body.getBytes(StandardCharsets.UTF_8), "application/json")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("ldsj"))
                .body("detail", containsString("yyyy-MM-dd HH:mm:ss"));
        String amount = Samples.fresh("12315").body().replace("\"128.50\"", "\"12.345\"");
        post("12315", amount.getBytes(StandardCharsets.UTF_8), "application/json")
                .statusCode(422)
                .body("errors[0].field", equalTo("amountInvolved"));
    }

    @Test
    void unreadableBodiesAre400s() {
        post("12345", "{\"gdbh\": ".getBytes(StandardCharsets.UTF_8), "application/json")
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Unreadable record"));
        post("12345", new byte[0], "application/json").statusCode(400);
        post("12345", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "application/json")
                .statusCode(400);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE report [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><report><nr>&x;</nr></report>";
        post("12369", xxe.getBytes(StandardCharsets.UTF_8), "application/xml")
                .statusCode(400).body("detail", containsString("DOCTYPE"));
    }

    @Test
    void aRecordOfSeveralMegabytesIsRefusedWith413() {
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        post("12345", huge, "application/json").statusCode(413).contentType("application/problem+json");
    }

    @Test
    void unknownChannelIs404ListingTheKnownOnes() {
        post("12306", "{}".getBytes(StandardCharsets.UTF_8), "application/json")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("12345, 12315, 12369, urban, kiosk, grid"));
    }

    @Test
    void operatorConsoleNormalizesThePhoneAndRefusesAWrongOne() {
        String number = as("operator").contentType("application/json")
                .body("{\"text\": \"咨询社保卡补办\", \"kind\": \"咨询\", \"callerName\": \"王女士\", \"callerPhone\": \"+86 139-0737-2222\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        as("dispatcher").when().get("/api/v1/tickets/" + number).then().body("contact.phone", equalTo("13907372222"));
        as("operator").contentType("application/json")
                .body("{\"text\": \"咨询社保卡补办\", \"kind\": \"咨询\", \"callerPhone\": \"110\"}")
                .when().post("/api/v1/tickets").then().statusCode(400)
                .body("errors.field", hasItem("callerPhone"));
    }
}
