package io.lastmile.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.lastmile.security.DemoLogins.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** What operations people and other systems rely on: readiness per server, the API contract, metrics. */
@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readinessReportsDatabaseKafkaAndSearchSeparately() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Kafka connection health check",
                        "Elasticsearch cluster health check"))
                .body("checks.find { it.name == 'Elasticsearch cluster health check' }.status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheTicketEndpoints() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.keySet()", hasItems("/api/v1/tickets", "/api/v1/tickets/{ticketNumber}"))
                // Swagger UI can call the API with a token from the login endpoint.
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/queue'.get.security", org.hamcrest.Matchers.notNullValue());
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void metricsAreExposedForPrometheusWithRequestTimingsPerRoute() {
        as("dispatcher").when().get("/api/v1/tickets/430922-19990101-000009").then().statusCode(404);
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\","
                        + "status=\"404\",uri=\"/api/v1/tickets/{ticketNumber}\"}"))
                // Buckets, for the dashboards' p95 across replicas.
                .body(containsString("http_server_requests_seconds_bucket{"));
    }
}
