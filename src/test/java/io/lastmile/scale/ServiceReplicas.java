package io.lastmile.scale;

import io.lastmile.devstack.DevStack;
import io.lastmile.devstack.DevSigningKeys;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The scale-out harness: one local stack and several replicas of the packaged service
 * ({@code target/quarkus-app}) on it, each its own process on its own port, as production runs
 * them. A test class registers it ({@code @RegisterExtension static final ServiceReplicas replicas
 * = ServiceReplicas.of(2, settings)}): the replicas start before its tests and stop after them.
 */
final class ServiceReplicas implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    private final int count;
    private final Map<String, String> settings;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private Map<String, String> stack;

    private ServiceReplicas(int count, Map<String, String> settings) {
        this.count = count;
        this.settings = settings;
    }

    /** {@code count} replicas with the extra settings given (as system properties), started by JUnit. */
    static ServiceReplicas of(int count, Map<String, String> settings) {
        return new ServiceReplicas(count, settings);
    }

    /** Starts the local stack (once per JVM) and the replicas, and waits until each is ready. */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Properties application = new Properties();
        try (InputStream in = Files.newInputStream(PROJECT.resolve("target/classes/application.properties"))) {
            application.load(in);
        }
        List<String> topics = Arrays.stream(application.getProperty("lastmile.devstack.topics").split(","))
                .map(String::trim).toList();
        stack = DevStack.forTestRun(PROJECT, topics,
                Integer.parseInt(application.getProperty("lastmile.devstack.partitions", "6"))).ensureStarted();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "replicas-stop"));
        for (int i = 0; i < count; i++) {
            launch(i);
        }
        for (int i = 0; i < count; i++) {
            awaitReady(i);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    String baseUri(int replica) {
        return "http://127.0.0.1:" + ports.get(replica);
    }

    String kafkaBootstrap() {
        return stack.get("kafka.bootstrap.servers");
    }

    /** A setting of the local stack, e.g. {@code quarkus.datasource.jdbc.url}, for a test that looks at a server itself. */
    String stackSetting(String key) {
        return stack.get(key);
    }

    /** Kills the replica as {@code kill -9} does (SIGKILL): no shutdown hook, no goodbye to Kafka or PostgreSQL. */
    void kill(int replica) throws InterruptedException {
        Process process = processes.get(replica);
        process.destroyForcibly();
        process.waitFor();
    }

    private void launch(int index) throws IOException {
        Path jar = PROJECT.resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the harness runs after `package`");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ports.add(port);
        Path log = PROJECT.resolve("target/replica-" + index + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        // A test's own settings go in as system properties: connector attributes such as
        // kafka.session.timeout.ms have no environment name that maps back to them unambiguously.
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The replicas run the production profile, configured by environment variables as deploy/ does it:
        // the servers, the county and the column key (production has no default for either), the dev signing key
        // and the demo accounts.
        Map<String, String> env = builder.environment();
        stack.forEach((key, value) -> env.put(envName(key), value));
        env.put("LASTMILE_COUNTY_CODE", "430922");
        // The column key production must be given; one test-only key for all replicas, which share a database.
        env.put("LASTMILE_COLUMN_KEY", "replicas-1:PBjzWF8dNLMvPeNaZDJZW8yUEn29hVgQE5FOMyeaj2s=");
        DevSigningKeys.config(PROJECT.resolve(".devstack")).forEach((key, value) -> env.put(envName(key), value));
        env.put(envName("lastmile.auth.demo-accounts"), "true");
        processes.add(builder.start());
    }

    private void awaitReady(int index) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(index).isAlive()) {
                throw new IllegalStateException("replica " + index + " stopped; see target/replica-" + index + ".log");
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(baseUri(index) + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("replica " + index + " not ready within 3 minutes; see target/replica-" + index + ".log");
    }

    /** {@code quarkus.datasource.reactive.url} → {@code QUARKUS_DATASOURCE_REACTIVE_URL}. */
    private static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(Duration.ofSeconds(20).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
