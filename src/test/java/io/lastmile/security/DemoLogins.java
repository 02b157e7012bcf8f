package io.lastmile.security;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;

/**
 * Real tokens for tests: each demo account signs in through {@code POST /api/v1/auth/login} once
 * per service and keeps its token until shortly before it expires.
 */
public final class DemoLogins {

    public static final String DEMO_INTAKE_KEY = AccountSeeds.DEMO_INTAKE_KEY;
    /** Every demo account's password, for a test that signs in through a page. */
    public static final String PASSWORD = AccountSeeds.DEMO_PASSWORD;

    private record Token(String value, Instant renewAfter) {
    }

    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    /** A request as this demo account, against the service under test. */
    public static RequestSpecification as(String username) {
        return given().auth().oauth2(token(null, username));
    }

    /** A request as this demo account, against the replica at this address. */
    public static RequestSpecification as(String baseUri, String username) {
        return given().baseUri(baseUri).auth().oauth2(token(baseUri, username));
    }

    /** A request as the demo source system, with its API key. */
    public static RequestSpecification asSource() {
        return given().header("X-Api-Key", DEMO_INTAKE_KEY);
    }

    public static String token(String username) {
        return token(null, username);
    }

    /** A token signed by the replica at this address (every replica accepts it). */
    public static String tokenAt(String baseUri, String username) {
        return token(baseUri, username);
    }

    private static String token(String baseUri, String username) {
        String cacheKey = baseUri + " " + username;
        Token cached = TOKENS.get(cacheKey);
        if (cached != null && Instant.now().isBefore(cached.renewAfter())) {
            return cached.value();
        }
        RequestSpecification request = baseUri == null ? given() : given().baseUri(baseUri);
        var answer = request.contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", AccountSeeds.DEMO_PASSWORD))
                .when().post("/api/v1/auth/login")
                .then().statusCode(200).extract().jsonPath();
        Token token = new Token(answer.getString("token"), Instant.now().plusSeconds(answer.getLong("expiresIn") - 60));
        TOKENS.put(cacheKey, token);
        return token.value();
    }

    private DemoLogins() {
    }
}
