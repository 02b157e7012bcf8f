package io.lastmile.security;

import io.lastmile.live.LiveScreens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-in, refresh, lock-out, accounts and source keys, end to end with real tokens. */
@QuarkusTest
class AuthenticationTest {

    @ConfigProperty(name = "lastmile.auth.signing-key-location")
    String signingKeyLocation;

    @TestHTTPResource("/api/v1/live/tickets")
    URI liveFeed;

    private static JsonPath login(String username, String password, int status) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .when().post("/api/v1/auth/login").then().statusCode(status).extract().jsonPath();
    }

    /** An official account of its own, so that locking it out disturbs no other test. */
    private static String newOfficial(String password) {
        String username = "t-" + UUID.randomUUID().toString().substring(0, 8);
        as("admin").contentType(ContentType.JSON).body(Map.of("username", username, "displayName", "测试人员",
                        "role", "official", "unitCode", "430922104-BMFW", "password", password))
                .when().post("/api/v1/admin/users").then().statusCode(201).body("role", equalTo("official"));
        return username;
    }

    @Test
    void aDemoAccountSignsInAndTheTokenCarriesItsRoleAndUnit() {
        JsonPath tokens = login("official-wutan", "demo", 200);
        given().auth().oauth2(tokens.getString("token")).when().get("/api/v1/auth/me").then().statusCode(200)
                .body("username", equalTo("official-wutan"))
                .body("role", equalTo("official"))
                .body("unitCode", equalTo("430922103-BMFW"));
        assertEquals(900, tokens.getInt("expiresIn"));
        assertNotNull(tokens.getString("refreshToken"));
    }

    @Test
    void wrongNamesAndWrongPasswordsGetTheSameAnswer() {
        String unknownUser = login("nobody-" + UUID.randomUUID(), "demo", 401).getString("detail");
        String wrongPassword = login("operator", "not-demo", 401).getString("detail");
        assertEquals(unknownUser, wrongPassword);
        given().contentType(ContentType.JSON).body("{\"username\": \"operator\"}").when().post("/api/v1/auth/login")
                .then().statusCode(400).body("errors[0].field", equalTo("password"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        String username = newOfficial("right-password-1");
        for (int i = 0; i < 5; i++) {
            login(username, "wrong-password", 401);
        }
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "right-password-1"))
                .when().post("/api/v1/auth/login").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .contentType("application/problem+json");
        // An admin's new password lifts the lock.
        as("admin").contentType(ContentType.JSON).body(Map.of("password", "new-password-2"))
                .when().put("/api/v1/admin/users/" + username + "/password").then().statusCode(204);
        login(username, "new-password-2", 200);
    }

    /** A wrong password's answer, and how long it took. */
    private record Attempt(io.restassured.response.Response answer, long millis) {
    }

    private static Attempt attempt(String username, String password) {
        long started = System.nanoTime();
        io.restassured.response.Response answer = given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password)).when().post("/api/v1/auth/login");
        return new Attempt(answer, (System.nanoTime() - started) / 1_000_000);
    }

    private static long median(List<Long> millis) {
        return millis.stream().sorted().toList().get(millis.size() / 2);
    }

    @Test
    void anUnknownNameIsLockedOutExactlyLikeAnAccountSoNoAnswerTellsWhichExist() {
        String existing = newOfficial("right-password-1");
        String unknown = "t-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> existingMillis = new java.util.ArrayList<>();
        List<Long> unknownMillis = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Attempt onExisting = attempt(existing, "wrong-password");
            Attempt onUnknown = attempt(unknown, "wrong-password");
            assertEquals(401, onExisting.answer().statusCode());
            assertEquals(401, onUnknown.answer().statusCode());
            assertEquals(onExisting.answer().jsonPath().getString("detail"), onUnknown.answer().jsonPath().getString("detail"));
            existingMillis.add(onExisting.millis());
            unknownMillis.add(onUnknown.millis());
        }
        // Both ran bcrypt: an unknown name is not answered measurably faster.
        assertTrue(median(unknownMillis) * 2 >= median(existingMillis),
                "unknown " + unknownMillis + " ms against existing " + existingMillis + " ms");
        Attempt lockedExisting = attempt(existing, "right-password-1");
        Attempt lockedUnknown = attempt(unknown, "right-password-1");
        for (Attempt locked : List.of(lockedExisting, lockedUnknown)) {
            assertEquals(429, locked.answer().statusCode());
            assertEquals("application/problem+json", locked.answer().contentType());
            long retryAfter = Long.parseLong(locked.answer().header("Retry-After"));
            assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
            assertEquals(null, locked.answer().header("WWW-Authenticate"));
        }
        assertEquals(lockedExisting.answer().jsonPath().getString("title"), lockedUnknown.answer().jsonPath().getString("title"));
        assertEquals(lockedExisting.answer().jsonPath().getString("detail").replaceAll("\\d+ s", "N s"),
                lockedUnknown.answer().jsonPath().getString("detail").replaceAll("\\d+ s", "N s"));
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReuseEndsTheSession() {
        String username = newOfficial("password-123");
        JsonPath first = login(username, "password-123", 200);
        JsonPath second = given().contentType(ContentType.JSON).body(Map.of("refreshToken", first.getString("refreshToken")))
                .when().post("/api/v1/auth/refresh").then().statusCode(200).extract().jsonPath();
        given().auth().oauth2(second.getString("token")).when().get("/api/v1/auth/me").then().statusCode(200);
        // The first refresh token again: someone copied it. Both it and the one handed out since stop working.
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", first.getString("refreshToken")))
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", second.getString("refreshToken")))
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void loggingOutEndsTheRefreshToken() {
        JsonPath tokens = login("supervisor", "demo", 200);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .when().post("/api/v1/auth/logout").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void aDisabledAccountCannotSignInOrRefresh() {
        String username = newOfficial("password-123");
        JsonPath tokens = login(username, "password-123", 200);
        as("admin").contentType(ContentType.JSON).body(Map.of("enabled", false))
                .when().put("/api/v1/admin/users/" + username).then().statusCode(200).body("enabled", equalTo(false));
        login(username, "password-123", 401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", tokens.getString("refreshToken")))
                .when().post("/api/v1/auth/refresh").then().statusCode(401);
        as("admin").when().get("/api/v1/admin/users").then().body("username", hasItem(username));
    }

    @Test
    void accountsAreValidatedBeforeTheyAreCreated() {
        as("admin").contentType(ContentType.JSON).body(Map.of("username", "x-" + UUID.randomUUID().toString().substring(0, 8),
                        "displayName", "无单位", "role", "official", "password", "password-123"))
                .when().post("/api/v1/admin/users").then().statusCode(422).body("errors[0].field", equalTo("unitCode"));
        as("admin").contentType(ContentType.JSON).body(Map.of("username", "x-" + UUID.randomUUID().toString().substring(0, 8),
                        "displayName", "短密码", "role", "operator", "password", "short"))
                .when().post("/api/v1/admin/users").then().statusCode(422).body("errors[0].field", equalTo("password"));
        as("admin").contentType(ContentType.JSON).body(Map.of("username", "operator", "displayName", "重名",
                        "role", "operator", "password", "password-123"))
                .when().post("/api/v1/admin/users").then().statusCode(409);
        as("admin").contentType(ContentType.JSON).body(Map.of("username", "x-" + UUID.randomUUID().toString().substring(0, 8),
                        "displayName", "来源", "role", "source", "password", "password-123"))
                .when().post("/api/v1/admin/users").then().statusCode(422).body("errors[0].field", equalTo("role"));
    }

    @Test
    void expiredAndForeignTokensAreRefused() throws Exception {
        PrivateKey ours = KeyUtils.decodePrivateKey(Files.readString(Path.of(signingKeyLocation)));
        String expired = Jwt.issuer("lastmile").upn("dispatcher").groups("dispatcher")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)).sign(ours);
        given().auth().oauth2(expired).when().get("/api/v1/queue").then().statusCode(401);

        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        String forged = Jwt.issuer("lastmile").upn("dispatcher").groups("admin")
                .expiresAt(Instant.now().plusSeconds(600)).sign(rsa.generateKeyPair().getPrivate());
        given().auth().oauth2(forged).when().get("/api/v1/admin/users").then().statusCode(401);

        String otherIssuer = Jwt.issuer("someone-else").upn("dispatcher").groups("dispatcher")
                .expiresAt(Instant.now().plusSeconds(600)).sign(ours);
        given().auth().oauth2(otherIssuer).when().get("/api/v1/queue").then().statusCode(401);
    }

    @Test
    void aLiveSocketClosesWhenItsTokenExpires() throws Exception {
        PrivateKey ours = KeyUtils.decodePrivateKey(Files.readString(Path.of(signingKeyLocation)));
        String shortLived = Jwt.issuer("lastmile").upn("dispatcher").groups("dispatcher")
                .expiresAt(Instant.now().plusSeconds(3)).sign(ours);
        List<String> received = new CopyOnWriteArrayList<>();
        LiveScreens.connect(URI.create(liveFeed.toString().replaceFirst("^http", "ws")), shortLived, received);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.contains(LiveScreens.CLOSED + 1008));
    }

    @Test
    void aSourceKeyDeliversOnlyToItsChannelsUntilRevoked() {
        JsonPath created = as("admin").contentType(ContentType.JSON)
                .body(Map.of("system", "hb-12369-" + UUID.randomUUID().toString().substring(0, 6), "channels", java.util.List.of("12369")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(201)
                .body("key", startsWith("lmk_")).extract().jsonPath();
        String key = created.getString("key");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/intake/12345").then().statusCode(403)
                .body("detail", containsString("12345"));
        given().header("X-Api-Key", key).contentType("application/xml").body("<not-a-case/>")
                .when().post("/api/v1/intake/12369").then().statusCode(400);
        as("admin").when().get("/api/v1/admin/api-keys").then()
                .body("find { it.id == '" + created.getString("id") + "' }.keyPrefix", equalTo(key.substring(0, 8)))
                .body("find { it.id == '" + created.getString("id") + "' }.key", equalTo(null));
        as("admin").when().delete("/api/v1/admin/api-keys/" + created.getString("id")).then().statusCode(204);
        given().header("X-Api-Key", key).contentType("application/xml").body("<not-a-case/>")
                .when().post("/api/v1/intake/12369").then().statusCode(401);
        as("admin").contentType(ContentType.JSON).body(Map.of("system", "valid-system", "channels", java.util.List.of("12399")))
                .when().post("/api/v1/admin/api-keys").then().statusCode(422).body("errors[0].field", equalTo("channels"));
    }
}
