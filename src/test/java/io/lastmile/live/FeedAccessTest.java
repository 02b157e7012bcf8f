package io.lastmile.live;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.lastmile.security.DemoLogins.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a page learns after its socket was refused: the same answer as the handshake (the socket
 * matrix of SecurityMatrixTest pins the handshakes themselves), so that the page can say why.
 */
@QuarkusTest
class FeedAccessTest {

    private static final String XIUSHAN_CENTER = "430922104-BMFW";
    private static final String WUTAN_CENTER = "430922103-BMFW";

    @Test
    void anOfficialMayOpenTheirOwnUnitsFeedOnly() {
        status("official-xiushan", "/api/v1/live/units/" + XIUSHAN_CENTER, 200);
        status("official-xiushan", "/api/v1/live/units/" + WUTAN_CENTER, 403);
        status("official-xiushan", "/api/v1/live/command-center", 403);
    }

    @Test
    void theCommandCenterStaffMayOpenEveryFeedAndHearOfUnknownUnits() {
        status("dispatcher", "/api/v1/live/command-center", 200);
        status("supervisor", "/api/v1/live/units/" + WUTAN_CENTER, 200);
        status("dispatcher", "/api/v1/live/units/NO-SUCH-UNIT", 404);
    }

    @Test
    void aFeedThatDoesNotExistIsAProblemNamingTheField() {
        as("dispatcher").queryParam("feed", "/api/v1/live/everything").when().get("/api/v1/live/access")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("feed")).body("errors[0].message", containsString("no such feed"));
        as("dispatcher").when().get("/api/v1/live/access")
                .then().statusCode(400).body("errors[0].field", equalTo("feed"));
    }

    private static void status(String username, String feed, int expected) {
        as(username).queryParam("feed", feed).when().get("/api/v1/live/access")
                .then().statusCode(200).body("feed", equalTo(feed)).body("status", equalTo(expected));
    }
}
