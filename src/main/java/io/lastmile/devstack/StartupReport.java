package io.lastmile.devstack;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/** In dev mode, tells the person who ran the command where to look and how long start-up took. */
@Singleton
public class StartupReport {

    private static final String REPORTED = "lastmile.devstack.startup-reported";

    void onStart(@Observes StartupEvent started, LaunchMode mode,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "localhost") String host,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        // Live reload starts the application again in the same JVM: report the first start only.
        if (mode != LaunchMode.DEVELOPMENT || System.getProperty(REPORTED) != null) {
            return;
        }
        System.setProperty(REPORTED, "true");
        Instant commandStarted = OwnerProcess.topLevelMavenOrSelf().info().startInstant().orElse(Instant.now());
        String base = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + port;
        System.out.printf("""

                ==== lastmile is up: %.1f s since the run command started ====
                  Screen          %s/screen/  (指挥中心大屏: sign in as dispatcher / demo)
                  Work pages      %s/console/ (坐席: operator), /workbench/ (调度: dispatcher),
                                  /inbox/ (乡镇: official-xiushan), /reports/ (考核: supervisor)
                  Sign in         POST %s/api/v1/auth/login  (demo accounts: admin, supervisor, dispatcher,
                                  operator, official-xiushan, official-wutan; password demo; source key demo-intake-key)
                  REST API        %s/api/v1/tickets
                  Live feeds      %s/api/v1/live/command-center, …/live/units/{unitCode}, …/live/tickets
                  Swagger UI      %s/q/swagger-ui
                  OpenAPI         %s/q/openapi
                  Readiness       %s/q/health/ready
                  Metrics         %s/q/metrics
                  Dev UI          %s/q/dev-ui
                  Stack logs      .devstack/dev/logs/
                %n""",
                Duration.between(commandStarted, Instant.now()).toMillis() / 1000.0,
                base, base, base, base, base.replace("http", "ws"), base, base, base, base, base);
    }
}
