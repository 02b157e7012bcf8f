package io.lastmile.security;

import io.lastmile.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open endpoints are limited per client address (the test profile allows 200 a minute and
 * trusts X-Forwarded-For, so that each test here has addresses of its own); signed-in staff are
 * not; a body larger than the endpoint takes is refused before it is read.
 */
@QuarkusTest
class AbuseLimitsTest {

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
    }

    @Test
    void anAddressCallingTheSignInTooOftenIsToldToWaitAndOthersAreNot() {
        String address = someAddress();
        long started = System.nanoTime();
        int allowed = 0;
        while (allowed < 1000 && given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body("{\"refreshToken\": \"nope\"}").when().post("/api/v1/auth/refresh").then().extract().statusCode() == 401) {
            allowed++;
        }
        // The minute's 200 at once, and what the time spent sending them gave back (200 a minute), however slow the machine.
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(allowed >= 200 && allowed <= 200 + Math.ceil(seconds * 200 / 60) + 1,
                "allowed before the first refusal: " + allowed + " in " + seconds + " s");
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/auth/login").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429)).body("title", equalTo("Too many requests"));
        given().header("X-Forwarded-For", someAddress()).contentType(ContentType.JSON).body("{\"refreshToken\": \"nope\"}")
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void signedInStaffAreNotLimited() {
        String address = someAddress();
        for (int i = 0; i < 250; i++) {
            Api.dispatcher().header("X-Forwarded-For", address).when().get("/api/v1/catalog/CS-0105").then().statusCode(200);
        }
    }

    @Test
    void aBodyLargerThanTheEndpointTakesIsRefusedWithAProblem() {
        String text = "路灯不亮".repeat(30_000); // about 360 KB of UTF-8
        Api.as("operator").body("{\"text\": \"" + text + "\", \"kind\": \"投诉\"}").when().post("/api/v1/tickets")
                .then().statusCode(413).body("title", equalTo("Request too large"));
    }
}
