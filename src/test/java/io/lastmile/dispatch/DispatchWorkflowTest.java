package io.lastmile.dispatch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static io.lastmile.security.DemoLogins.asSource;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatch workflow over REST, on the real servers: every step, its refusals, and the lists. */
@QuarkusTest
class DispatchWorkflowTest {

    private static String sample(String file, String... replacements) {
        try (InputStream in = DispatchWorkflowTest.class.getResourceAsStream("/samples/" + file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i + 1 < replacements.length; i += 2) {
                text = text.replace(replacements[i], replacements[i + 1]);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String localNow(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneId.of("Asia/Shanghai")).format(Instant.now().minusSeconds(300));
    }

    /** The 修山镇 street-light call of the 12345 sample, fresh. */
    private static String streetLight() {
        return asSource().contentType(ContentType.JSON)
                .body(sample("12345.json", "TJ12345-20261122-0042", "TJ12345-" + UUID.randomUUID(),
                        "2026-11-22 09:14:03", localNow("yyyy-MM-dd HH:mm:ss")))
                .when().post("/api/v1/intake/12345").then().statusCode(201).extract().path("ticketNumber");
    }

    private static ValidatableResponse step(String number, String action, String actor, String body) {
        return as(actor).contentType(ContentType.JSON).body(body == null ? "{}" : body)
                .when().post("/api/v1/tickets/" + number + "/" + action).then();
    }

    @Test
    void streetLightTicketWalksThroughEveryStepToTheRevisitAndTheTimelineShowsEach() {
        String number = streetLight();
        step(number, "register", "dispatcher", null).statusCode(200).body("status", equalTo("REGISTERED"));
        step(number, "dispatch", "dispatcher", null).statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("unit.code", equalTo("430922104-BMFW"))
                .body("assignee", equalTo("official-xiushan"))
                .body("responsible", equalTo("430922-ZHZX"));
        step(number, "sign-for", "official-xiushan", null).statusCode(200)
                .body("status", equalTo("SIGNED_FOR"))
                .body("responsible", equalTo("430922104-BMFW"));
        step(number, "start", "official-xiushan", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        step(number, "documents/request", "official-xiushan", "{\"documents\": [\"路灯编号照片\"], \"reason\": \"需确认灯杆编号\"}")
                .statusCode(200).body("status", equalTo("WAITING_FOR_DOCUMENTS"));
        step(number, "documents/received", "official-xiushan", null).statusCode(200).body("status", equalTo("IN_PROGRESS"));
        step(number, "extension", "official-xiushan", "{\"days\": 3, \"reason\": \"等待灯具配件\"}")
                .statusCode(200).body("status", equalTo("EXTENSION_REQUESTED"));
        step(number, "extension/approve", "dispatcher", "{\"days\": 3}")
                .statusCode(200).body("status", equalTo("IN_PROGRESS")).body("extensionDays", equalTo(3));
        step(number, "supervise", "supervisor", "{\"reason\": \"群众多次来电，请加快\"}")
                .statusCode(200).body("supervised", equalTo(true)).body("status", equalTo("IN_PROGRESS"));
        step(number, "resolve", "official-xiushan", "{\"result\": \"已更换灯具，路灯恢复照明\"}")
                .statusCode(200).body("status", equalTo("RESOLVED"));
        step(number, "verify", "dispatcher", "{\"reason\": \"现场照片核实\"}").statusCode(200).body("status", equalTo("VERIFIED"));
        step(number, "close", "dispatcher", null).statusCode(200).body("status", equalTo("CLOSED"));
        step(number, "revisit", "operator", "{\"satisfaction\": \"非常满意\"}")
                .statusCode(200).body("status", equalTo("REVISITED")).body("satisfaction", equalTo("非常满意"));

        as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then().statusCode(200)
                .body("type", contains("TicketReceived", "TicketRegistered", "TicketDispatched", "TicketSignedFor",
                        "TicketStarted", "TicketDocumentsRequested", "TicketDocumentsReceived", "TicketExtensionRequested",
                        "TicketExtensionApproved", "TicketSupervised", "TicketResolved", "TicketVerified", "TicketClosed",
                        "TicketRevisited"))
                .body("version", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14))
                .body("actor", hasItems("12345-platform", "dispatcher", "official-xiushan", "supervisor", "operator"))
                .body("occurredAt", everyItem(notNullValue()))
                .body("[2].responsible", equalTo("430922-ZHZX"))
                .body("[3].responsible", equalTo("430922104-BMFW"))
                .body("[9].reason", equalTo("群众多次来电，请加快"));
    }

    @Test
    void illegalStepAnswers409WithTheCurrentStateAndTheAllowedSteps() {
        String number = streetLight();
        step(number, "close", "dispatcher", null).statusCode(409)
                .contentType("application/problem+json")
                .body("currentStatus", equalTo("RECEIVED"))
                .body("allowedSteps", hasItems("REGISTER", "DISPATCH"))
                .body("allowedSteps", not(hasItem("CLOSE")));
        step("430922-19990101-000001", "register", "dispatcher", null).statusCode(404);
    }

    @Test
    void returnWithAReasonGoesBackToTheDispatcherWhoReroutesOrForcesIt() {
        String number = streetLight();
        step(number, "dispatch", "dispatcher", null).statusCode(200);
        step(number, "return", "official-xiushan", null).statusCode(422).body("errors[0].field", equalTo("reason"));
        step(number, "return", "official-xiushan", "{\"reason\": \"该路段路灯归县城管局维护\"}").statusCode(200)
                .body("status", equalTo("RETURNED"))
                .body("unit.code", equalTo("430922-ZHZX"))
                .body("responsible", equalTo("430922-ZHZX"));
        List<String> queue = as("dispatcher").when().get("/api/v1/queue?size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.ticketNumber");
        assertTrue(queue.contains(number), "a returned ticket waits in the dispatcher's queue");
        step(number, "return/accept", "dispatcher", "{\"unitCode\": \"430922-CGJ\"}").statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("unit.code", equalTo("430922-CGJ"))
                .body("assignee", equalTo("dept-cgj-a"));

        String forced = streetLight();
        step(forced, "dispatch", "dispatcher", null).statusCode(200);
        step(forced, "return", "official-xiushan", "{\"reason\": \"不属于本镇\"}").statusCode(200);
        step(forced, "return/reject", "dispatcher", "{\"reason\": \"花桥港村属修山镇，请办理\"}").statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("unit.code", equalTo("430922104-BMFW"));
    }

    @Test
    void jointTicketCannotBeResolvedBeforeEveryAssistingUnitReports() {
        String number = streetLight();
        step(number, "dispatch", "dispatcher", null).statusCode(200);
        step(number, "joint", "dispatcher", "{\"units\": [\"430922-CGJ\", \"430922104201-BMFWZ\"]}").statusCode(200)
                .body("assistants.unitCode", contains("430922-CGJ", "430922104201-BMFWZ"));
        as("dispatcher").when().get("/api/v1/units/430922-CGJ/inbox?size=200").then().statusCode(200)
                .body("items.ticketNumber", hasItem(number));
        step(number, "sign-for", "official-xiushan", null).statusCode(200);
        step(number, "start", "official-xiushan", null).statusCode(200);
        step(number, "joint/report", "dept-cgj-a", "{\"unitCode\": \"430922-CGJ\", \"result\": \"已提供灯具\"}").statusCode(200);
        step(number, "resolve", "official-xiushan", "{\"result\": \"已修复\"}").statusCode(409)
                .body("detail", containsString("430922104201-BMFWZ"));
        step(number, "joint/report", "agent-huaqiaogang", "{\"unitCode\": \"430922104201-BMFWZ\", \"result\": \"已现场确认\"}")
                .statusCode(200);
        as("dispatcher").when().get("/api/v1/units/430922-CGJ/inbox?size=200").then()
                .body("items.ticketNumber", not(hasItem(number)));
        step(number, "resolve", "official-xiushan", "{\"result\": \"已修复\"}").statusCode(200).body("status", equalTo("RESOLVED"));
    }

    @Test
    void consultationAnsweredAtIntakeIsClosedAndMarkedImmediate() {
        String body = "{\"text\": \"咨询城乡居民医保今年的缴费截止时间\", \"kind\": \"咨询\", \"answer\": \"缴费截止到12月31日，可在村便民服务站代缴。\"}";
        String number = as("operator").contentType(ContentType.JSON).body(body).when().post("/api/v1/tickets")
                .then().statusCode(201)
                .body("status", equalTo("CLOSED"))
                .body("immediate", equalTo(true))
                .body("result", equalTo("缴费截止到12月31日，可在村便民服务站代缴。"))
                .body("responsible", equalTo("operator"))
                .extract().path("ticketNumber");
        as("dispatcher").when().get("/api/v1/tickets/" + number + "/timeline").then()
                .body("type", contains("TicketReceived", "TicketAnsweredAtIntake"));
        as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"投诉路灯不亮\", \"kind\": \"投诉\", \"answer\": \"已记录\"}")
                .when().post("/api/v1/tickets").then().statusCode(400).body("errors[0].field", equalTo("answer"));
    }

    @Test
    void unsatisfiedCitizenGetsTheTicketRedoneAndASatisfiedOneDoesNot() {
        String number = streetLight();
        step(number, "dispatch", "dispatcher", null).statusCode(200);
        for (String action : List.of("sign-for", "start")) {
            step(number, action, "official-xiushan", null).statusCode(200);
        }
        step(number, "resolve", "official-xiushan", "{\"result\": \"已报修\"}").statusCode(200);
        step(number, "verify", "dispatcher", null).statusCode(200);
        step(number, "close", "dispatcher", null).statusCode(200);
        step(number, "revisit", "operator", "{\"satisfaction\": \"还行\"}").statusCode(422).body("errors[0].field", equalTo("satisfaction"));
        step(number, "revisit", "operator", "{\"satisfaction\": \"不满意\"}").statusCode(200);
        step(number, "redo", "supervisor", "{\"reason\": \"路灯仍未亮\"}").statusCode(200)
                .body("status", equalTo("DISPATCHED"))
                .body("redoCount", equalTo(1))
                .body("unit.code", equalTo("430922104-BMFW"));
        for (String action : List.of("sign-for", "start")) {
            step(number, action, "official-xiushan", null).statusCode(200);
        }
        step(number, "resolve", "official-xiushan", "{\"result\": \"已更换灯具\"}").statusCode(200);
        step(number, "verify", "dispatcher", null).statusCode(200);
        step(number, "close", "dispatcher", null).statusCode(200);
        step(number, "revisit", "operator", "{\"satisfaction\": \"满意\"}").statusCode(200);
        step(number, "redo", "supervisor", "{\"reason\": \"再办一次\"}").statusCode(409);
    }

    @Test
    void escalationClimbsFromTheVillageToTheCountyAndStopsThere() {
        String grid = sample("grid.json", "WG2026112200031", "WG-" + UUID.randomUUID(),
                "2026-11-22T09:00:00+08:00", Instant.now().minusSeconds(300).atZone(ZoneId.of("Asia/Shanghai"))
                        .toOffsetDateTime().withNano(0).toString());
        String number = asSource().contentType(ContentType.JSON).body(grid).when().post("/api/v1/intake/grid")
                .then().statusCode(201).extract().path("ticketNumber");
        step(number, "dispatch", "dispatcher", null).statusCode(200).body("unit.code", equalTo("430922104201-BMFWZ"));
        step(number, "escalate", "dispatcher", "{\"reason\": \"村里调解不成\"}").statusCode(200)
                .body("unit.code", equalTo("430922104-BMFW"));
        step(number, "escalate", "dispatcher", "{\"reason\": \"镇里调解不成\"}").statusCode(200)
                .body("unit.code", equalTo("430922-SFJ"));
        step(number, "escalate", "dispatcher", "{\"reason\": \"需县里协调\"}").statusCode(200)
                .body("unit.code", equalTo("430922-ZHZX"));
        step(number, "escalate", "dispatcher", "{\"reason\": \"再升级\"}").statusCode(409);
    }

    @Test
    void ticketIsMergedOnlyIntoATicketThatExists() {
        String earlier = streetLight();
        String later = streetLight();
        step(later, "merge", "dispatcher", "{\"intoTicketNumber\": \"430922-19990101-000001\"}").statusCode(422);
        step(later, "merge", "dispatcher", "{\"intoTicketNumber\": \"" + later + "\"}").statusCode(422);
        step(later, "merge", "dispatcher", "{\"intoTicketNumber\": \"" + earlier + "\"}").statusCode(200)
                .body("status", equalTo("MERGED"))
                .body("mergedInto", equalTo(earlier));
        // A merged ticket can only be unmerged (a wrong link undone).
        step(later, "dispatch", "dispatcher", null).statusCode(409).body("allowedSteps", equalTo(List.of("UNMERGE")));
    }

    @Test
    void callersOfAMergedProblemFollowTheTicketAtTheEndOfTheChain() {
        String first = streetLight();
        String caller = streetLight();
        String later = streetLight();
        step(caller, "merge", "dispatcher", "{\"intoTicketNumber\": \"" + first + "\"}").statusCode(200);
        step(later, "merge", "dispatcher", "{\"intoTicketNumber\": \"" + caller + "\"}").statusCode(422)
                .body("errors[0].field", equalTo("intoTicketNumber"));
        // A dispatcher finds the first ticket is the same problem as a later one and joins them.
        step(first, "merge", "dispatcher", "{\"intoTicketNumber\": \"" + later + "\"}").statusCode(200);
        as("dispatcher").when().get("/api/v1/tickets/" + caller).then().statusCode(200)
                .body("mergedInto", equalTo(first))
                .body("linkedTo.ticketNumber", equalTo(later))
                .body("linkedTo.status", equalTo("RECEIVED"));
    }

    @Test
    void aSupervisorMayGiveTheNewDeadlineAsAMoment() {
        String number = streetLight();
        step(number, "dispatch", "dispatcher", null).statusCode(200);
        step(number, "sign-for", "official-xiushan", null).statusCode(200);
        String until = java.time.OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(3).withHour(17).withMinute(30)
                .withSecond(0).withNano(0).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        step(number, "supervise", "supervisor", "{\"reason\": \"限期办结\", \"until\": \"" + until + "\"}")
                .statusCode(200).body("timeLimits.completion", equalTo(until))
                .body("deadline", equalTo(until));
        step(number, "supervise", "supervisor", "{\"reason\": \"限期办结\", \"until\": \"2020-01-01T17:30:00+08:00\"}")
                .statusCode(422).body("errors[0].field", equalTo("until"));
        step(number, "supervise", "supervisor", "{\"reason\": \"限期办结\", \"until\": \"2099-12-03T17:30:00+08:00\"}")
                .statusCode(422).body("errors[0].field", equalTo("until"));
    }

    @Test
    void queuePutsCriticalBeforeUrgentBeforeNormalAndTheNearestDeadlineFirst() {
        String normal = as("operator").contentType(ContentType.JSON).body("{\"text\": \"咨询办事时间\", \"kind\": \"咨询\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        String urgent = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村自来水停水一天\", \"kind\": \"求助\", \"urgency\": \"URGENT\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        String critical = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村山体滑坡堵路\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        String laterCritical = as("operator").contentType(ContentType.JSON)
                .body("{\"text\": \"修山镇花桥港村山洪冲毁便桥\", \"kind\": \"求助\", \"urgency\": \"CRITICAL\"}")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("ticketNumber");
        List<String> queue = as("dispatcher").when().get("/api/v1/queue?size=200").then().statusCode(200)
                .body("total", notNullValue())
                .extract().jsonPath().getList("items.ticketNumber");
        int c = queue.indexOf(critical);
        int later = queue.indexOf(laterCritical);
        int u = queue.indexOf(urgent);
        int n = queue.indexOf(normal);
        assertTrue(c >= 0 && c < later && later < u && u < n,
                "特急 (nearest queue deadline first) before 紧急 before 一般: " + c + ", " + later + ", " + u + ", " + n);
        as("dispatcher").when().get("/api/v1/queue?size=500").then().statusCode(400);
        as("dispatcher").when().get("/api/v1/units/NOPE/inbox").then().statusCode(404);
    }
}
