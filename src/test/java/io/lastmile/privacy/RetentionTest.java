package io.lastmile.privacy;

import io.lastmile.TestStack;
import io.lastmile.platform.ColumnCipher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.lastmile.privacy.PrivacyFixtures.call;
import static io.lastmile.privacy.PrivacyFixtures.deadLetter;
import static io.lastmile.privacy.PrivacyFixtures.phone;
import static io.lastmile.privacy.PrivacyFixtures.rows;
import static io.lastmile.privacy.PrivacyFixtures.update;
import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20, item 4: a closed ticket past the retention period (3 years) loses its caller's personal
 * data in its row, its timeline, its search document, its outbox rows and the dead letters, and
 * keeps its status and steps; an open ticket as old, and a ticket closed today, are untouched.
 * "Past the period" is made by moving the old tickets' steps four years back in PostgreSQL.
 */
@QuarkusTest
class RetentionTest {

    private static final String ID = "430922198807076612";

    @Inject
    TestStack stack;

    @Inject
    ColumnCipher cipher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aClosedTicketPastThePeriodIsAnonymisedEverywhereAndOnlyThatOne() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String oldPhone = phone();
        String recentPhone = phone();
        String openPhone = phone();
        String old = call("欧阳先生", oldPhone, "欧阳先生咨询医保 " + marker + "，回电" + oldPhone + "，身份证" + ID,
                "已告知欧阳先生，电话" + oldPhone + "回访");
        String recent = call("欧阳女士", recentPhone, "咨询社保 " + marker + "，回电" + recentPhone, "已答复");
        String open = call("司马先生", openPhone, "修山镇路灯不亮 " + marker + "，回电" + openPhone, null);
        UUID oldLetter = deadLetter(stack, kafka, oldPhone);
        UUID recentLetter = deadLetter(stack, kafka, recentPhone);
        // Indexed and published before the clock is moved, as they would be three years ago.
        // (an answered ticket is at version 2: its answer's event must not land after the retention's rewrite)
        for (String number : List.of(old, recent)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(stack.searchUri())
                    .when().get("/tickets/_search?q=ticketNumber:" + number).then().statusCode(200)
                    .body("hits.hits[0]._source.version", equalTo(2)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> (Long) rows(stack,
                "SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NULL", id(old).toString())
                .get(0).get(0) == 0);
        for (String number : List.of(old, open)) {
            update(stack, "UPDATE ticket_event SET occurred_at = occurred_at - interval '4 years' WHERE ticket_id = ?", id(number));
        }
        update(stack, "UPDATE intake_dead_letter SET received_at = received_at - interval '4 years' WHERE id = ?", oldLetter);
        long timeline = timelineSize(old);
        String oldEvents = outboxOf(old);
        assertTrue(oldEvents.contains("欧**") && oldEvents.contains(masked(oldPhone)) && oldEvents.contains("欧阳先生"),
                "the events carried the masked contact, and the name in the words: " + oldEvents);

        as("admin").when().post("/api/v1/admin/retention/run").then().statusCode(200)
                .body("ticketNumbers", hasItem(old))
                .body("ticketNumbers", not(hasItem(recent)))
                .body("ticketNumbers", not(hasItem(open)));

        // The ticket row: no contact, no numbers or name in its words; still closed, its steps all there.
        List<Object> row = rows(stack, """
                SELECT contact_name, contact_phone, text, result_text, status, anonymised_at FROM ticket WHERE ticket_number = ?""", old)
                .get(0);
        assertNull(row.get(0));
        assertNull(row.get(1));
        for (Object words : row.subList(2, 4)) {
            assertFalse(((String) words).contains(oldPhone) || ((String) words).contains(ID) || ((String) words).contains("欧阳先生"),
                    String.valueOf(words));
        }
        assertTrue(((String) row.get(2)).contains(marker), "the words of the matter stay");
        assertEquals("CLOSED", row.get(4));
        assertNotNull(row.get(5));
        assertEquals(timeline, timelineSize(old), "the timeline keeps every step");
        String steps = rows(stack, "SELECT string_agg(coalesce(reason, '') || data, ' ') FROM ticket_event WHERE ticket_id = ?", id(old))
                .get(0).get(0).toString();
        assertFalse(steps.contains(oldPhone) || steps.contains("欧阳先生"), steps);
        as("dispatcher").when().get("/api/v1/tickets/" + old).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("contact.phone", equalTo(null));

        // The search document and the outbox rows.
        // The index shows a write after its refresh interval.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String document = given().baseUri(stack.searchUri()).when().get("/tickets/_search?q=ticketNumber:" + old)
                    .then().statusCode(200).body("hits.total.value", equalTo(1)).extract().asString();
            assertFalse(document.contains("欧阳") || document.contains(masked(oldPhone)) || document.contains(oldPhone), document);
        });
        String events = outboxOf(old);
        assertFalse(events.contains("欧阳") || events.contains(masked(oldPhone)) || events.contains(oldPhone), events);

        // The dead letters: the old one's bytes are gone, also from its intake.dlq event.
        assertEquals(0, ((byte[]) rows(stack, "SELECT payload FROM intake_dead_letter WHERE id = ?", oldLetter).get(0).get(0)).length);
        String letterEvent = cipher.open((String) rows(stack, "SELECT payload FROM outbox_event WHERE event_id = ?", oldLetter)
                .get(0).get(0));
        assertFalse(letterEvent.contains("payloadBase64"), letterEvent);
        assertTrue(letterEvent.contains("\"payloadForgotten\":true"), letterEvent);

        // Untouched: the ticket closed today, the open one as old, the recent dead letter.
        as("operator").when().get("/api/v1/tickets/" + recent).then().body("contact.phone", equalTo(recentPhone))
                .body("text", containsString(recentPhone));
        as("operator").when().get("/api/v1/tickets/" + open).then().body("contact.phone", equalTo(openPhone))
                .body("text", containsString(openPhone));
        assertEquals(0L, rows(stack, "SELECT count(*) FROM ticket WHERE ticket_number IN (?, ?) AND anonymised_at IS NOT NULL",
                recent, open).get(0).get(0));
        assertTrue(outboxOf(recent).contains(masked(recentPhone)));
        as("dispatcher").contentType(ContentType.JSON).body("{\"reason\": \"核对来电号码\"}")
                .when().post("/api/v1/intake/dead-letters/" + recentLetter + "/reveal").then().statusCode(200)
                .body("payloadPreview", containsString(recentPhone));

        // Reported: the metric, and a second pass finds nothing left to do for this ticket.
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("lastmile_retention_anonymised_total{what=\"tickets\"}"));
        as("admin").when().post("/api/v1/admin/retention/run").then().statusCode(200).body("ticketNumbers", not(hasItem(old)));
        as("admin").when().get("/api/v1/admin/retention").then().statusCode(200).body("period", equalTo("P3Y"));
    }

    private UUID id(String number) throws Exception {
        return (UUID) rows(stack, "SELECT id FROM ticket WHERE ticket_number = ?", number).get(0).get(0);
    }

    private long timelineSize(String number) throws Exception {
        return (Long) rows(stack, "SELECT count(*) FROM ticket_event WHERE ticket_id = ?", id(number)).get(0).get(0);
    }

    private String outboxOf(String number) throws Exception {
        StringBuilder all = new StringBuilder();
        for (List<Object> r : rows(stack, "SELECT payload FROM outbox_event WHERE record_key = ?", id(number).toString())) {
            all.append(cipher.open((String) r.get(0))).append('\n');
        }
        return all.toString();
    }

    private static String masked(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }
}
