package io.lastmile.routing;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The routing documents carry an ETag and change only with it in If-Match: two admins editing
 * at once never overwrite each other's change without knowing.
 */
@QuarkusTest
class AdminDocumentsEditedAtOnceTest {

    private static final String CATALOG = "/api/v1/admin/catalog";

    private static String item(String name, String keyword) {
        return """
                {"name": "%s", "windowCategory": "公安户籍", "handlingLevel": "county",
                 "owningDepartment": "430922-GAJ", "legalLimitDays": 5, "promisedLimitDays": 1,
                 "clockPolicy": "calendar-hours", "delegationMode": "直接赋权", "documents": [],
                 "rules": {"keywords": ["%s"]}}""".formatted(name, keyword);
    }

    /** A second admin of the county, signed in: the demo has one. */
    private static RequestSpecification secondAdmin() {
        String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        as("admin").contentType(ContentType.JSON).body(Map.of("username", username, "displayName", "第二管理员",
                        "role", "admin", "password", "second-admin-1"))
                .when().post("/api/v1/admin/users").then().statusCode(201);
        String token = given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "second-admin-1"))
                .when().post("/api/v1/auth/login").then().statusCode(200).extract().path("token");
        return given().auth().oauth2(token);
    }

    @Test
    void twoAdminsEditingTheCatalogAtOnceCannotOverwriteEachOther() {
        RequestSpecification second = secondAdmin();
        String code1 = "ZZ-" + UUID.randomUUID().toString().substring(0, 6);
        String code2 = "ZZ-" + UUID.randomUUID().toString().substring(0, 6);
        // Both read the catalog at the same version.
        String readByFirst = as("admin").when().get(CATALOG).then().statusCode(200).extract().header("ETag");
        String readBySecond = given().spec(second).when().get(CATALOG).then().statusCode(200).extract().header("ETag");
        try {
            String afterFirst = as("admin").contentType(ContentType.JSON).header("If-Match", readByFirst)
                    .body(item("测试事项一", "测试关键词一")).when().put(CATALOG + "/items/" + code1)
                    .then().statusCode(200).header("ETag", notNullValue()).extract().header("ETag");
            assertNotEquals(readByFirst, afterFirst);
            // The second admin's change is based on the catalog before the first one's: refused, nothing changes.
            given().spec(second).contentType(ContentType.JSON).header("If-Match", readBySecond)
                    .body(item("测试事项二", "测试关键词二")).when().put(CATALOG + "/items/" + code2)
                    .then().statusCode(412).contentType("application/problem+json");
            as("admin").when().get(CATALOG).then().header("ETag", equalTo(afterFirst))
                    .body("items.code", hasItem(code1)).body("items.code", not(hasItem(code2)));
            // Read again, the second admin sees the first one's item and makes the change over it.
            String reread = given().spec(second).when().get(CATALOG + "/items/" + code1).then().statusCode(200)
                    .body("name", equalTo("测试事项一")).extract().header("ETag");
            given().spec(second).contentType(ContentType.JSON).header("If-Match", reread)
                    .body(item("测试事项二", "测试关键词二")).when().put(CATALOG + "/items/" + code2)
                    .then().statusCode(200);
            as("admin").when().get(CATALOG).then().body("items.code", hasItem(code1)).body("items.code", hasItem(code2));
        } finally {
            for (String code : new String[] {code1, code2}) {
                as("admin").header("If-Match", RoutingEndToEndTest.etag(CATALOG)).when().delete(CATALOG + "/items/" + code);
            }
        }
    }

    @Test
    void everyChangeOfARoutingDocumentNeedsIfMatch() {
        for (String document : new String[] {"/api/v1/admin/jurisdictions", CATALOG, "/api/v1/admin/organization"}) {
            String current = as("admin").when().get(document).then().statusCode(200).extract().asString();
            as("admin").contentType(ContentType.JSON).body(current).when().put(document)
                    .then().statusCode(428).contentType("application/problem+json");
            as("admin").contentType(ContentType.JSON).header("If-Match", "*").body(current).when().put(document)
                    .then().statusCode(428);
            as("admin").contentType(ContentType.JSON).header("If-Match", "\"nothing-0\"").body(current).when().put(document)
                    .then().statusCode(412);
        }
        String duty = "/api/v1/admin/posts/430922104-BMFW/受理岗/duty";
        String organization = as("admin").when().get(duty).then().statusCode(200)
                .body("aOnDuty", equalTo(true)).extract().header("ETag");
        as("admin").contentType(ContentType.JSON).body("{\"aOnDuty\": true, \"bOnDuty\": true}").when().put(duty)
                .then().statusCode(428);
        as("admin").when().delete(CATALOG + "/items/CS-0105").then().statusCode(428);
        as("admin").contentType(ContentType.JSON).header("If-Match", organization)
                .body("{\"aOnDuty\": true, \"bOnDuty\": true}").when().put(duty).then().statusCode(200);
    }
}
