package io.lastmile.intake;

import io.lastmile.TestStack;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Idempotency-Key of the operator console belongs to the account that sent it, for 24 hours. */
@QuarkusTest
class OperatorConsoleIdempotencyTest {

    @Inject
    TestStack stack;

    private static final String CALL = """
            {"text": "修山镇花桥港村村口路灯不亮", "kind": "投诉", "callerName": "%s", "callerPhone": "%s"}""";

    private static ValidatableResponse post(String account, String key, String body) {
        return as(account).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .when().post("/api/v1/tickets").then();
    }

    @Test
    void theSameKeyFromAnotherAccountIsANewTicketWithItsOwnCaller() {
        String key = "seat-07-" + UUID.randomUUID().toString().substring(0, 8);
        String first = post("operator", key, CALL.formatted("张先生", "13907371111")).statusCode(201)
                .extract().path("ticketNumber");
        String second = post("dispatcher", key, CALL.formatted("李女士", "13907372222")).statusCode(201)
                .body("contact.name", equalTo("李女士"))
                .extract().path("ticketNumber");
        assertNotEquals(first, second, "another account's key never answers someone else's ticket");
        as("dispatcher").when().get("/api/v1/tickets/" + second).then().statusCode(200)
                .body("contact.phone", equalTo("13907372222"));
        // Each account's repeat still answers its own ticket.
        post("operator", key, CALL.formatted("张先生", "13907371111")).statusCode(200).body("ticketNumber", equalTo(first));
        post("dispatcher", key, CALL.formatted("李女士", "13907372222")).statusCode(200).body("ticketNumber", equalTo(second));
    }

    @Test
    void theSameKeyWithAnotherRequestWithinADayIs422NamingTheKey() {
        String key = UUID.randomUUID().toString();
        String first = post("operator", key, CALL.formatted("张先生", "13907371111")).statusCode(201)
                .extract().path("ticketNumber");
        post("operator", key, CALL.formatted("王先生", "13907373333")).statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"))
                .body("detail", containsString("Idempotency-Key"));
        // The same request again, spaced differently, is still the same call.
        post("operator", key, CALL.formatted("张先生", "13907371111").replace(", ", ",")).statusCode(200)
                .body("ticketNumber", equalTo(first));
    }

    @Test
    void aKeyIsRememberedForADayAndAfterwardsMakesANewTicket() throws Exception {
        String key = "seat-07-001-" + UUID.randomUUID().toString().substring(0, 8);
        String body = CALL.formatted("张先生", "13907371111");
        String first = post("operator", key, body).statusCode(201).extract().path("ticketNumber");
        try (Connection db = stack.database()) {
            PreparedStatement lifetime = db.prepareStatement("""
                    SELECT extract(epoch FROM expires_at - first_used_at) FROM console_idempotency_key
                    WHERE username = 'operator' AND idempotency_key = ?""");
            lifetime.setString(1, key);
            ResultSet row = lifetime.executeQuery();
            assertTrue(row.next(), "the key is kept in PostgreSQL, so a restart keeps it");
            assertEquals(Duration.ofHours(24).toSeconds(), row.getLong(1));
            // A day passes.
            PreparedStatement age = db.prepareStatement("""
                    UPDATE console_idempotency_key SET first_used_at = first_used_at - interval '24 hours 1 second',
                           expires_at = expires_at - interval '24 hours 1 second'
                    WHERE username = 'operator' AND idempotency_key = ?""");
            age.setString(1, key);
            assertEquals(1, age.executeUpdate());
        }
        String next = post("operator", key, body).statusCode(201).extract().path("ticketNumber");
        assertNotEquals(first, next);
        post("operator", key, body).statusCode(200).body("ticketNumber", equalTo(next));
    }
}
