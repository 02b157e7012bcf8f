package io.lastmile;

import io.lastmile.security.DemoLogins;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The REST calls of the search and duplicate tests, in one place, each as a demo account signed in
 * through the login endpoint (see {@link DemoLogins}).
 */
public final class Api {

    /** A JSON call made by this demo account. */
    public static RequestSpecification as(String account) {
        return DemoLogins.as(account).contentType(ContentType.JSON);
    }

    /** A call by the command center's dispatcher. */
    public static RequestSpecification dispatcher() {
        return as("dispatcher");
    }

    /** An operator's ticket from a call; answers its number. */
    public static String createTicket(String text, String address) {
        return as("operator").body("""
                        {"text": "%s", "address": "%s", "kind": "投诉", "callerName": "李女士", "callerPhone": "13907375678"}"""
                        .formatted(text, address))
                .when().post("/api/v1/tickets")
                .then().statusCode(201).extract().path("ticketNumber");
    }

    /** A grid member's case at a WGS-84 point, {@code minutesAgo} before now; answers its number. */
    public static String reportFromGrid(String text, double lon, double lat, int minutesAgo) {
        String time = OffsetDateTime.now(ZoneId.of("Asia/Shanghai")).minusMinutes(minutesAgo).withNano(0).toString();
        return DemoLogins.asSource().contentType(ContentType.JSON).body("""
                        {"caseId": "WG-%s", "gridCode": "430922104001", "memberId": "W017", "category": "其他",
                         "text": "%s", "lon": %s, "lat": %s, "coordSys": "WGS84", "time": "%s"}"""
                        .formatted(UUID.randomUUID(), text, lon, lat, time))
                .when().post("/api/v1/intake/grid")
                .then().statusCode(201).extract().path("ticketNumber");
    }

    private Api() {
    }
}
