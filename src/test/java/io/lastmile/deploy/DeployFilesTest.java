package io.lastmile.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deployment files cannot be started here (no container engine, no cluster), so this test reads
 * them: every file in {@code deploy/} and {@code dashboards/} parses, and they agree with each other
 * and with the service — names and ports, environment variables and the keys the service reads,
 * topics and partitions, pinned images, Grafana's provider — and with the images' documented
 * behaviour where a setting is known to be required. Each test collects every problem it finds.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Path COMPOSE_DIR = DEPLOY.resolve("compose");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    private static final Path DASHBOARDS = Path.of("dashboards", "grafana");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[?-][^}]*)?}");
    /** Read by the image's start script (run-java.sh of the ubi9 OpenJDK runtime), not by the service. */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_OPTS_APPEND");
    /** Local sign-in, the default (README, Security): production needs the key pair besides the %prod settings. */
    private static final Set<String> LOCAL_SIGN_IN = Set.of("LASTMILE_AUTH_SIGNING_KEY_LOCATION", "QUARKUS_OIDC_PUBLIC_KEY");

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- the files parse --------------------------------------------------------------------

    @Test
    void everyFileInDeployAndDashboardsParses() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> files = filesUnder(DEPLOY, DASHBOARDS.getParent());
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    assertFalse(yaml(file).isEmpty(), file + " is empty");
                } else if (name.endsWith(".json")) {
                    JSON.readTree(file.toFile());
                }
            } catch (RuntimeException | IOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        assertTrue(files.size() >= 10, "found only " + files);
        assertEquals(List.of(), problems);
    }

    // ---- environment variables and the keys the service reads -------------------------------

    @Test
    void everyEnvironmentVariableMapsToAKeyTheServiceReads() throws Exception {
        Set<String> known = knownVariables();
        List<String> problems = new ArrayList<>();
        compose().lastmileServices().forEach((name, service) -> service.path("environment").properties().forEach(e -> {
            String v = e.getKey();
            if (!known.contains(v)) {
                problems.add("compose " + name + ": " + v + " maps to no key the service reads");
            }
        }));
        Kubernetes k8s = kubernetes();
        for (String variable : k8s.containerVariables().keySet()) {
            if (!known.contains(variable)) {
                problems.add("kubernetes Deployment lastmile: " + variable + " maps to no key the service reads");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everySettingProductionNeedsIsSetOrTemplated() throws Exception {
        Set<String> required = requiredInProduction();
        assertTrue(required.containsAll(Set.of("LASTMILE_COUNTY_CODE", "QUARKUS_DATASOURCE_REACTIVE_URL", "KAFKA_BOOTSTRAP_SERVERS")), required.toString());
        List<String> problems = new ArrayList<>();

        Compose compose = compose();
        Set<String> envExample = dotEnvKeys(COMPOSE_DIR.resolve(".env.example"));
        compose.lastmileServices().forEach((name, service) -> {
            JsonNode env = service.path("environment");
            for (String variable : required) {
                if (env.path(variable).asText("").isBlank()) {
                    problems.add("compose " + name + " does not set " + variable);
                }
            }
        });
        // Every variable compose insists on is in .env.example, the file the README copies.
        for (String variable : compose.requiredVariables()) {
            if (!envExample.contains(variable)) {
                problems.add("compose requires ${" + variable + "} but .env.example does not list it");
            }
        }

        Kubernetes k8s = kubernetes();
        Map<String, String> variables = k8s.containerVariables();
        for (String variable : required) {
            String value = variables.get(variable);
            if (value == null || value.isBlank()) {
                problems.add("kubernetes Deployment lastmile does not set " + variable);
            }
        }
        problems.addAll(k8s.unresolvedReferences());
        assertEquals(List.of(), problems);
    }

    // ---- names and ports --------------------------------------------------------------------

    @Test
    void composeServiceNamesAndPortsAgree() throws Exception {
        Compose compose = compose();
        Properties application = application();
        String httpPort = application.getProperty("quarkus.http.port");
        List<String> problems = new ArrayList<>();
        Map<String, Set<Integer>> listening = compose.listeningPorts();

        compose.lastmileServices().forEach((name, service) -> {
            JsonNode env = service.path("environment");
            for (String variable : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL", "KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_ELASTICSEARCH_HOSTS")) {
                for (HostPort target : hostPorts(env.path(variable).asText())) {
                    if (!listening.getOrDefault(target.host(), Set.of()).contains(target.port())) {
                        problems.add(name + " " + variable + " points at " + target + ", which no compose service listens on");
                    }
                }
            }
            String database = env.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText().replaceAll(".*/", "");
            JsonNode postgres = compose.service("postgres").path("environment");
            if (!database.equals(postgres.path("POSTGRES_DB").asText())) {
                problems.add(name + " uses database " + database + " but postgres creates " + postgres.path("POSTGRES_DB"));
            }
            if (!env.path("QUARKUS_DATASOURCE_USERNAME").asText().equals(postgres.path("POSTGRES_USER").asText())) {
                problems.add(name + " signs in to PostgreSQL as another user than postgres creates");
            }
        });

        String nginx = Files.readString(COMPOSE_DIR.resolve("nginx.conf"));
        Set<String> upstream = matches(Pattern.compile("server\\s+([\\w.-]+:\\d+)"), nginx);
        Set<String> replicas = compose.lastmileServices().keySet().stream().map(s -> s + ":" + httpPort).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(replicas, new TreeSet<>(upstream), "nginx's upstream is every replica on quarkus.http.port");
        assertTrue(nginx.contains("proxy_set_header Upgrade $http_upgrade") && nginx.contains("proxy_set_header Connection $connection_upgrade"),
                "nginx passes the WebSocket upgrade");
        assertTrue(nginx.contains("location /api/v1/live/"), "the live feed's path is the one the sockets use");
        String proxyTarget = compose.service("proxy").path("volumes").get(0).asText();
        assertTrue(proxyTarget.startsWith("./nginx.conf:/etc/nginx/conf.d/"), proxyTarget);

        JsonNode prometheus = yaml(COMPOSE_DIR.resolve("prometheus.yml")).get(0);
        JsonNode job = prometheus.path("scrape_configs").get(0);
        assertEquals(application.getProperty("quarkus.micrometer.export.prometheus.path"), job.path("metrics_path").asText());
        Set<String> targets = new TreeSet<>();
        job.path("static_configs").get(0).path("targets").forEach(t -> targets.add(t.asText()));
        assertEquals(replicas, targets, "Prometheus scrapes every replica");

        JsonNode datasource = yaml(COMPOSE_DIR.resolve("grafana-datasources.yaml")).get(0).path("datasources").get(0);
        for (HostPort target : hostPorts(datasource.path("url").asText())) {
            if (!compose.services().containsKey(target.host()) || target.port() != 9090) {
                problems.add("Grafana's data source " + target + " is not the Prometheus service");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void kubernetesNamesAndPortsAgree() throws Exception {
        Kubernetes k8s = kubernetes();
        String httpPort = application().getProperty("quarkus.http.port");
        List<String> problems = new ArrayList<>();
        Map<String, String> env = k8s.containerVariables();

        JsonNode postgres = k8s.one("Cluster");
        HostPort database = hostPorts(env.get("QUARKUS_DATASOURCE_REACTIVE_URL")).get(0);
        check(problems, database.equals(new HostPort(name(postgres) + "-rw", 5432)), "the database URL is CloudNativePG's read-write Service: " + database);
        check(problems, env.get("QUARKUS_DATASOURCE_JDBC_URL").endsWith("//" + database + "/" + postgres.at("/spec/bootstrap/initdb/database").asText()),
                "the JDBC URL names the same server and the database CloudNativePG creates");
        check(problems, env.get("QUARKUS_DATASOURCE_REACTIVE_URL").endsWith("/" + postgres.at("/spec/bootstrap/initdb/database").asText()),
                "the reactive URL names the database CloudNativePG creates");
        check(problems, k8s.secretRef("QUARKUS_DATASOURCE_PASSWORD").startsWith(postgres.at("/spec/bootstrap/initdb/secret/name").asText() + "/"),
                "the service reads the database password from the Secret CloudNativePG's owner is created with");

        JsonNode kafka = k8s.one("Kafka");
        int listener = kafka.at("/spec/kafka/listeners/0/port").asInt();
        check(problems, hostPorts(env.get("KAFKA_BOOTSTRAP_SERVERS")).equals(List.of(new HostPort(name(kafka) + "-kafka-bootstrap", listener))),
                "Kafka's address is Strimzi's bootstrap Service on the plain listener");

        JsonNode search = k8s.one("Elasticsearch");
        check(problems, hostPorts(env.get("QUARKUS_ELASTICSEARCH_HOSTS")).equals(List.of(new HostPort(name(search) + "-es-http", 9200))),
                "the search address is ECK's HTTP Service");
        check(problems, search.at("/spec/http/tls/selfSignedCertificate/disabled").asBoolean()
                        == !"https".equals(env.getOrDefault("QUARKUS_ELASTICSEARCH_PROTOCOL", "http")),
                "the protocol the service uses is the one ECK serves");
        check(problems, k8s.secretRef("QUARKUS_ELASTICSEARCH_PASSWORD").equals(name(search) + "-es-elastic-user/elastic"),
                "the search password is the one ECK makes for the user elastic");

        JsonNode deployment = k8s.one("Deployment");
        JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        Map<String, Integer> containerPorts = new LinkedHashMap<>();
        container.path("ports").forEach(p -> containerPorts.put(p.path("name").asText(), p.path("containerPort").asInt()));
        check(problems, containerPorts.values().contains(Integer.parseInt(httpPort)), "the container port is quarkus.http.port");
        check(problems, covers(podLabels, deployment.at("/spec/selector/matchLabels")), "the Deployment's selector matches its pods");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            check(problems, !get.isMissingNode(), "the container has a " + probe);
            check(problems, containerPorts.containsKey(get.path("port").asText()), probe + " uses a named container port");
        }
        check(problems, container.at("/startupProbe/httpGet/path").asText().equals("/q/health/started"), "startupProbe asks /q/health/started");
        check(problems, container.at("/readinessProbe/httpGet/path").asText().equals("/q/health/ready"), "readinessProbe asks /q/health/ready");
        check(problems, container.at("/livenessProbe/httpGet/path").asText().equals("/q/health/live"), "livenessProbe asks /q/health/live");

        JsonNode service = k8s.one("Service");
        check(problems, covers(podLabels, service.at("/spec/selector")), "the Service selects the Deployment's pods");
        Set<String> servicePorts = new TreeSet<>();
        service.at("/spec/ports").forEach(p -> {
            servicePorts.add(p.path("name").asText());
            check(problems, containerPorts.containsKey(p.path("targetPort").asText()), "Service port " + p.path("name") + " targets a container port");
        });
        JsonNode ingress = k8s.one("Ingress");
        JsonNode backend = ingress.at("/spec/rules/0/http/paths/0/backend/service");
        check(problems, backend.path("name").asText().equals(name(service)) && servicePorts.contains(backend.at("/port/name").asText()),
                "the Ingress sends to the Service's named port");
        check(problems, Integer.parseInt(ingress.at("/metadata/annotations").path("nginx.ingress.kubernetes.io/proxy-read-timeout").asText("60")) >= 3600,
                "the Ingress keeps quiet WebSockets open (proxy-read-timeout)");
        JsonNode monitor = k8s.one("ServiceMonitor");
        check(problems, covers(service.at("/metadata/labels"), monitor.at("/spec/selector/matchLabels")), "the ServiceMonitor selects the Service");
        check(problems, servicePorts.contains(monitor.at("/spec/endpoints/0/port").asText()), "the ServiceMonitor scrapes a named Service port");
        check(problems, monitor.at("/spec/endpoints/0/path").asText().equals(application().getProperty("quarkus.micrometer.export.prometheus.path")),
                "the ServiceMonitor scrapes the metrics path");
        JsonNode hpa = k8s.one("HorizontalPodAutoscaler");
        check(problems, hpa.at("/spec/scaleTargetRef/name").asText().equals(name(deployment)) && hpa.at("/spec/scaleTargetRef/kind").asText().equals("Deployment"),
                "the autoscaler scales the Deployment");
        check(problems, hpa.at("/spec/minReplicas").asInt() >= 2, "at least two replicas, so one can be lost");
        JsonNode pdb = k8s.one("PodDisruptionBudget");
        check(problems, covers(podLabels, pdb.at("/spec/selector/matchLabels")), "the PodDisruptionBudget selects the Deployment's pods");
        check(problems, pdb.at("/spec/minAvailable").asInt() >= 1 && pdb.at("/spec/minAvailable").asInt() < hpa.at("/spec/minReplicas").asInt(),
                "the PodDisruptionBudget keeps one replica and still lets a node drain");
        for (JsonNode resource : k8s.resources()) {
            String namespace = resource.at("/metadata/namespace").asText();
            check(problems, resource.path("kind").asText().equals("Namespace") || namespace.equals("lastmile"),
                    resource.path("kind").asText() + " " + name(resource) + " is in the namespace lastmile");
        }
        assertEquals(List.of(), problems);
    }

    // ---- topics -----------------------------------------------------------------------------

    @Test
    void everyTopicTheServiceUsesExistsWithAPartitionForEveryReplica() throws Exception {
        Properties application = application();
        Set<String> topics = new TreeSet<>(Arrays.stream(application.getProperty("lastmile.devstack.topics").split(",")).map(String::trim).toList());
        application.stringPropertyNames().stream().filter(k -> k.startsWith("mp.messaging.") && k.endsWith(".topic"))
                .map(application::getProperty).forEach(topics::add);
        List<String> problems = new ArrayList<>();

        Compose compose = compose();
        String init = String.join("\n", textValues(compose.service("kafka-topics").path("command")));
        Matcher loop = Pattern.compile("for topic in ([^;]+);").matcher(init);
        check(problems, loop.find(), "kafka-topics loops over the topics");
        Set<String> created = new TreeSet<>(Arrays.asList(loop.group(1).trim().split("\\s+")));
        check(problems, created.containsAll(topics), "compose creates " + created + ", the service uses " + topics);
        Matcher partitions = Pattern.compile("--partitions (\\d+)").matcher(init);
        check(problems, partitions.find() && Integer.parseInt(partitions.group(1)) >= compose.lastmileServices().size(),
                "compose's topics have a partition for every replica");
        check(problems, "false".equals(compose.service("kafka").at("/environment/KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()),
                "the compose broker creates no topic by accident");

        Kubernetes k8s = kubernetes();
        int maxReplicas = Math.max(k8s.one("HorizontalPodAutoscaler").at("/spec/maxReplicas").asInt(), k8s.one("Deployment").at("/spec/replicas").asInt());
        int brokers = k8s.all("KafkaNodePool").stream().filter(pool -> textValues(pool.at("/spec/roles")).contains("broker"))
                .mapToInt(pool -> pool.at("/spec/replicas").asInt()).sum();
        int minInSync = k8s.one("Kafka").at("/spec/kafka/config").path("min.insync.replicas").asInt(1);
        Map<String, JsonNode> kafkaTopics = new LinkedHashMap<>();
        k8s.all("KafkaTopic").forEach(t -> kafkaTopics.put(t.at("/spec/topicName").asText(name(t)), t));
        for (String topic : topics) {
            JsonNode resource = kafkaTopics.get(topic);
            if (resource == null) {
                problems.add("no KafkaTopic for " + topic);
                continue;
            }
            int count = resource.at("/spec/partitions").asInt();
            int replicas = resource.at("/spec/replicas").asInt();
            check(problems, count >= maxReplicas, topic + ": " + count + " partitions for up to " + maxReplicas + " replicas");
            check(problems, replicas <= brokers && replicas > minInSync, topic + ": " + replicas + " copies on " + brokers
                    + " brokers, more than min.insync.replicas " + minInSync);
            check(problems, name(k8s.one("Kafka")).equals(resource.at("/metadata/labels").path("strimzi.io/cluster").asText()),
                    topic + " belongs to the Kafka cluster");
        }
        check(problems, "false".equals(k8s.one("Kafka").at("/spec/kafka/config").path("auto.create.topics.enable").asText()),
                "the cluster creates no topic by accident");
        assertEquals(List.of(), problems);
    }

    // ---- images -----------------------------------------------------------------------------

    @Test
    void everyImageIsPinnedToAVersion() throws Exception {
        List<String> images = new ArrayList<>();
        compose().services().values().forEach(s -> {
            if (s.has("image")) {
                images.add(s.path("image").asText());
            }
        });
        Kubernetes k8s = kubernetes();
        for (JsonNode resource : k8s.resources()) {
            resource.findValues("image").forEach(i -> images.add(i.asText()));
            resource.findValues("imageName").forEach(i -> images.add(i.asText()));
        }
        for (String line : Files.readAllLines(Path.of("src/main/docker/Dockerfile.jvm"))) {
            if (line.startsWith("FROM ")) {
                images.add(line.substring(5).trim());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String image : images) {
            String last = image.substring(image.lastIndexOf('/') + 1);
            int colon = last.indexOf(':');
            String tag = colon < 0 ? "" : last.substring(colon + 1);
            if (tag.isEmpty() || tag.equals("latest") || !tag.matches("v?\\d+(\\.\\d+)*([-.][\\w.]+)?")) {
                problems.add(image + " is not pinned to a version");
            }
        }
        for (String versioned : List.of("Kafka:/spec/kafka/version", "Elasticsearch:/spec/version")) {
            String[] kindAndPath = versioned.split(":");
            String version = k8s.one(kindAndPath[0]).at(kindAndPath[1]).asText();
            check(problems, version.matches("\\d+\\.\\d+\\.\\d+"), kindAndPath[0] + " is pinned to a version: " + version);
        }
        assertTrue(images.size() >= 10, images.toString());
        assertEquals(List.of(), problems);
    }

    // ---- Grafana ----------------------------------------------------------------------------

    @Test
    void grafanaReadsTheProviderFromTheTopOfItsFolderAndFindsTheDashboards() throws Exception {
        JsonNode provider = yaml(DASHBOARDS.resolve("provisioning.yaml")).get(0).path("providers").get(0);
        String path = provider.at("/options/path").asText();
        Map<String, String> mounts = new LinkedHashMap<>(); // container path -> host path, relative to the compose file
        textValues(compose().service("grafana").path("volumes")).forEach(v -> {
            String[] parts = v.split(":");
            if (parts.length >= 2 && parts[0].startsWith(".")) {
                mounts.put(parts[1], parts[0]);
            }
        });
        String providerFile = mounts.entrySet().stream().filter(m -> COMPOSE_DIR.resolve(m.getValue()).normalize().equals(DASHBOARDS.resolve("provisioning.yaml")))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("compose does not mount provisioning.yaml"));
        assertEquals("/etc/grafana/provisioning/dashboards", Path.of(providerFile).getParent().toString(),
                "Grafana reads provider files only at the top of provisioning/dashboards");
        assertTrue(providerFile.endsWith(".yaml"), providerFile);

        String dashboardsHost = mounts.get(path);
        assertTrue(dashboardsHost != null, "nothing is mounted at the provider's path " + path);
        Path folder = COMPOSE_DIR.resolve(dashboardsHost).normalize();
        assertEquals(DASHBOARDS, folder, "the provider's path holds the dashboards folder");
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(folder)) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertFalse(dashboards.isEmpty(), "no dashboard in " + folder);

        JsonNode datasource = yaml(COMPOSE_DIR.resolve("grafana-datasources.yaml")).get(0).path("datasources").get(0);
        String datasourcesMount = mounts.entrySet().stream().filter(m -> m.getValue().endsWith("grafana-datasources.yaml")).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("compose does not provision a data source"));
        assertEquals("/etc/grafana/provisioning/datasources", Path.of(datasourcesMount).getParent().toString());
        for (Path dashboard : dashboards) {
            JsonNode variables = JSON.readTree(dashboard.toFile()).at("/templating/list");
            for (JsonNode variable : variables) {
                if (variable.path("type").asText().equals("datasource")) {
                    assertEquals(datasource.path("type").asText(), variable.path("query").asText(),
                            dashboard + " asks for a data source of the type compose provisions");
                }
            }
        }
    }

    // ---- the images' documented behaviour ---------------------------------------------------

    @Test
    void settingsTheImagesAreKnownToNeedAreThere() throws Exception {
        Compose compose = compose();
        List<String> problems = new ArrayList<>();

        // OpenSearch 2.12 and later run the demo-security installer unless told not to, and exit.
        JsonNode opensearch = compose.service("opensearch");
        check(problems, "true".equals(opensearch.at("/environment/DISABLE_INSTALL_DEMO_CONFIG").asText()),
                "OpenSearch >= 2.12 needs DISABLE_INSTALL_DEMO_CONFIG=true");
        check(problems, "true".equals(opensearch.at("/environment/DISABLE_SECURITY_PLUGIN").asText()),
                "OpenSearch speaks plain HTTP without credentials only with the security plugin off");
        // Elasticsearch 8 turns security (TLS and passwords) on by default; compose gives the service neither.
        JsonNode elasticsearch = compose.service("elasticsearch");
        check(problems, "false".equals(elasticsearch.at("/environment").path("xpack.security.enabled").asText()),
                "Elasticsearch 8 needs xpack.security.enabled=false for the plain HTTP the compose service uses");
        for (String engine : List.of("elasticsearch", "opensearch")) {
            check(problems, textValues(compose.service(engine).at("/networks/default/aliases")).contains("search"),
                    engine + " answers as search, the host the service is given");
        }

        // apache/kafka writes to /tmp/kraft-combined-logs unless KAFKA_LOG_DIRS says otherwise.
        JsonNode kafka = compose.service("kafka");
        String logDirs = kafka.at("/environment/KAFKA_LOG_DIRS").asText();
        check(problems, textValues(kafka.path("volumes")).stream().anyMatch(v -> v.endsWith(":" + logDirs) && !v.startsWith(".")),
                "Kafka's log dir " + logDirs + " is a named volume");

        // A file secret keeps the host file's mode: the README makes it readable to uid 185.
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        check(problems, readme.contains("chmod 0644 secrets/signing-key.pem") && readme.contains("install -d -m 0700 secrets"),
                "deploy/README.md makes the signing key readable to the service's user inside a private folder");
        check(problems, Files.readString(COMPOSE_DIR.resolve(".env.example")).contains("LASTMILE_SIGNING_KEY_FILE=./secrets/signing-key.pem"),
                ".env.example points at the key the README makes");

        // Without a .dockerignore the build context is the whole checkout (.devstack/ alone is gigabytes and a dev key).
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        check(problems, ignore.get(0).equals("*"), ".dockerignore starts by leaving everything out");
        check(problems, ignore.stream().filter(l -> l.startsWith("!")).allMatch(l -> l.startsWith("!target/quarkus-app") || l.startsWith("!src/main/docker/")),
                ".dockerignore lets in only the packaged service and the Dockerfile");
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        check(problems, dockerfile.contains("USER 185"), "the image runs as uid 185, the user the key is made readable for");

        // Kubernetes: the key is readable to the pod's user; readiness does not include search.
        Kubernetes k8s = kubernetes();
        JsonNode pod = k8s.one("Deployment").at("/spec/template/spec");
        check(problems, pod.at("/securityContext/fsGroup").asInt() == 185 && pod.at("/securityContext/runAsUser").asInt() == 185,
                "the pod runs as uid 185 with fsGroup 185, so the mounted key is readable");
        check(problems, "false".equals(application().getProperty("%prod.quarkus.elasticsearch.health.enabled")),
                "a search outage does not make a production replica unready");
        assertEquals(List.of(), problems);
    }

    @Test
    void theReadmeCommandsFillEveryPlaceholderAndApplyEveryFile() throws Exception {
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        List<String> problems = new ArrayList<>();
        Set<String> substituted = new TreeSet<>();
        Matcher envsubst = Pattern.compile("envsubst '([^']+)'").matcher(readme);
        while (envsubst.find()) {
            Arrays.stream(envsubst.group(1).split("\\s+")).map(v -> v.replace("$", "")).forEach(substituted::add);
        }
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String text = Files.readString(file);
                for (String placeholder : matches(PLACEHOLDER, text)) {
                    if (!substituted.contains(placeholder)) {
                        problems.add(file + ": ${" + placeholder + "} is not filled in by the README's envsubst");
                    }
                }
                String relative = file.toString();
                if (!readme.contains(relative)) {
                    problems.add(relative + " is not applied by the README");
                }
            }
        }
        for (String composeFile : List.of("deploy/compose/compose.yaml", "deploy/compose/.env.example")) {
            check(problems, readme.contains(composeFile), "the README uses " + composeFile);
        }
        check(problems, readme.contains("docker compose -f deploy/compose/compose.yaml up --build -d"), "the README starts compose");
        assertEquals(List.of(), problems);
    }

    // ---- reading the files ------------------------------------------------------------------

    private record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** {@code postgresql://db:5432/x}, {@code jdbc:postgresql://db:5432/x}, {@code a:9092,b:9092}, {@code http://p:9090}. */
    private static List<HostPort> hostPorts(String value) {
        List<HostPort> found = new ArrayList<>();
        for (String part : value.replaceFirst("^jdbc:", "").split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String withScheme = part.contains("://") ? part : "tcp://" + part;
            URI uri = URI.create(withScheme.trim());
            found.add(new HostPort(uri.getHost(), uri.getPort()));
        }
        return found;
    }

    private record Compose(Map<String, JsonNode> services) {
        JsonNode service(String name) {
            JsonNode service = services.get(name);
            assertTrue(service != null, "compose has no service " + name);
            return service;
        }

        /** The replicas of the service: every service built from this repository. */
        Map<String, JsonNode> lastmileServices() {
            Map<String, JsonNode> replicas = new LinkedHashMap<>();
            services.forEach((name, s) -> {
                if (s.path("image").asText().startsWith("lastmile:")) {
                    replicas.put(name, s);
                }
            });
            assertEquals(2, replicas.size(), "two replicas of the service in compose");
            return replicas;
        }

        /** Host names (service names and network aliases) and the ports their images listen on. */
        Map<String, Set<Integer>> listeningPorts() {
            Map<String, Set<Integer>> ports = new LinkedHashMap<>();
            services.forEach((name, s) -> {
                Set<Integer> own = new TreeSet<>();
                String image = s.path("image").asText();
                if (image.startsWith("postgres:")) {
                    own.add(5432);
                } else if (image.startsWith("apache/kafka:")) {
                    for (HostPort listener : hostPorts(s.at("/environment/KAFKA_ADVERTISED_LISTENERS").asText())) {
                        if (listener.host().equals(name)) {
                            own.add(listener.port());
                        }
                    }
                } else if (image.contains("elasticsearch") || image.contains("opensearch")) {
                    own.add(9200);
                }
                ports.computeIfAbsent(name, n -> new TreeSet<>()).addAll(own);
                for (String alias : textValues(s.at("/networks/default/aliases"))) {
                    ports.computeIfAbsent(alias, n -> new TreeSet<>()).addAll(own);
                }
            });
            return ports;
        }

        /** Every {@code ${VAR:?message}} of the file: compose refuses to start without it. */
        Set<String> requiredVariables() throws IOException {
            Set<String> required = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(Files.readString(COMPOSE_DIR.resolve("compose.yaml")));
            while (m.find()) {
                if (m.group(2) != null && m.group(2).startsWith(":?")) {
                    required.add(m.group(1));
                }
            }
            return required;
        }
    }

    private static Compose compose() throws IOException {
        JsonNode file = yaml(COMPOSE_DIR.resolve("compose.yaml")).get(0);
        Map<String, JsonNode> services = new LinkedHashMap<>();
        file.path("services").properties().forEach(e -> services.put(e.getKey(), e.getValue()));
        return new Compose(services);
    }

    private record Kubernetes(List<JsonNode> resources, List<JsonNode> templates, String readme) {
        List<JsonNode> all(String kind) {
            return Stream.concat(resources.stream(), templates.stream()).filter(r -> r.path("kind").asText().equals(kind)).toList();
        }

        JsonNode one(String kind) {
            List<JsonNode> found = all(kind);
            assertEquals(1, found.size(), "one " + kind + " in deploy/kubernetes");
            return found.get(0);
        }

        private JsonNode container() {
            return one("Deployment").at("/spec/template/spec/containers/0");
        }

        /** {@code secret/key} that an env entry of the container reads. */
        String secretRef(String variable) {
            for (JsonNode entry : container().path("env")) {
                if (entry.path("name").asText().equals(variable)) {
                    JsonNode ref = entry.at("/valueFrom/secretKeyRef");
                    return ref.path("name").asText() + "/" + ref.path("key").asText();
                }
            }
            return "";
        }

        /** What each variable of the container is set to: a value, or where it comes from. */
        Map<String, String> containerVariables() {
            Map<String, String> variables = new LinkedHashMap<>();
            for (JsonNode from : container().path("envFrom")) {
                if (from.has("configMapRef")) {
                    keysOf("ConfigMap", from.at("/configMapRef/name").asText()).forEach(variables::put);
                } else {
                    keysOf("Secret", from.at("/secretRef/name").asText()).forEach(variables::put);
                }
            }
            for (JsonNode entry : container().path("env")) {
                String value = entry.has("value") ? entry.path("value").asText()
                        : entry.at("/valueFrom/secretKeyRef/name").asText() + "/" + entry.at("/valueFrom/secretKeyRef/key").asText();
                variables.put(entry.path("name").asText(), value);
            }
            return variables;
        }

        private Map<String, String> keysOf(String kind, String name) {
            Map<String, String> keys = new LinkedHashMap<>();
            all(kind).stream().filter(r -> name(r).equals(name)).forEach(r -> {
                r.path("data").properties().forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
                r.path("stringData").properties().forEach(e -> keys.put(e.getKey(), e.getValue().asText()));
            });
            return keys;
        }

        /** Secrets and ConfigMaps the Deployment reads that no file, template or README command makes. */
        List<String> unresolvedReferences() {
            List<String> problems = new ArrayList<>();
            String search = name(one("Elasticsearch")) + "-es-elastic-user";
            for (JsonNode from : container().path("envFrom")) {
                String kind = from.has("configMapRef") ? "ConfigMap" : "Secret";
                String name = from.path(kind.equals("ConfigMap") ? "configMapRef" : "secretRef").path("name").asText();
                if (keysOf(kind, name).isEmpty()) {
                    problems.add("envFrom " + kind + " " + name + " is in no file or template");
                }
            }
            for (JsonNode entry : container().path("env")) {
                JsonNode ref = entry.at("/valueFrom/secretKeyRef");
                if (!ref.isMissingNode() && !ref.path("name").asText().equals(search)
                        && !keysOf("Secret", ref.path("name").asText()).containsKey(ref.path("key").asText())) {
                    problems.add(entry.path("name").asText() + " reads " + ref.path("name").asText() + "/" + ref.path("key").asText() + ", which no template makes");
                }
            }
            for (JsonNode volume : one("Deployment").at("/spec/template/spec/volumes")) {
                String secret = volume.at("/secret/secretName").asText();
                if (!secret.isEmpty() && all("Secret").stream().noneMatch(s -> name(s).equals(secret))
                        && !readme.contains("kubectl -n lastmile create secret generic " + secret + " ")) {
                    problems.add("the volume " + volume.path("name").asText() + " mounts the Secret " + secret + ", which nothing makes");
                }
            }
            return problems;
        }
    }

    private static Kubernetes kubernetes() throws IOException {
        List<JsonNode> resources = new ArrayList<>();
        List<JsonNode> templates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                (file.getParent().endsWith("templates") ? templates : resources).addAll(yaml(file));
            }
        }
        return new Kubernetes(resources, templates, Files.readString(DEPLOY.resolve("README.md")));
    }

    private static List<JsonNode> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
            return documents;
        }
    }

    private static Properties application() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** The variables production cannot start without: the %prod expressions of application.properties, and local sign-in. */
    private static Set<String> requiredInProduction() throws IOException {
        Properties application = application();
        Set<String> required = new TreeSet<>(LOCAL_SIGN_IN);
        for (String key : application.stringPropertyNames()) {
            Matcher m = PLACEHOLDER.matcher(application.getProperty(key));
            if (key.startsWith("%prod.") && m.matches() && m.group(2) == null) {
                required.add(m.group(1));
            }
        }
        return required;
    }

    /**
     * Every environment variable the service reads: the names (MicroProfile Config rules) of the keys
     * in application.properties and of every @ConfigMapping, the framework variables the README's
     * Configuration table documents, and what the image's start script reads.
     */
    private static Set<String> knownVariables() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (String key : application().stringPropertyNames()) {
            keys.add(key.replaceFirst("^%[a-z]+\\.", ""));
        }
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readString(source).contains("@ConfigMapping(")) {
                    String type = Path.of("src/main/java").relativize(source).toString().replace('/', '.').replaceFirst("\\.java$", "");
                    Class<?> mapping = Class.forName(type);
                    mappingKeys(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
                }
            }
        }
        Set<String> variables = keys.stream().map(k -> k.toUpperCase().replaceAll("[^A-Z0-9]", "_")).collect(Collectors.toCollection(TreeSet::new));
        String readme = Files.readString(Path.of("README.md"));
        String configuration = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("### Pointing at external servers"));
        variables.addAll(matches(Pattern.compile("`([A-Z][A-Z0-9_]+)`"), configuration));
        variables.addAll(IMAGE_VARIABLES);
        return variables;
    }

    private static void mappingKeys(String prefix, Class<?> mapping, Set<String> keys) {
        for (Method method : mapping.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String key = prefix + "." + (named != null ? named.value() : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase());
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith("io.lastmile.")) {
                mappingKeys(key, method.getReturnType(), keys);
            } else if (!Map.class.isAssignableFrom(method.getReturnType())) {
                keys.add(key);
            }
        }
    }

    private static Set<String> dotEnvKeys(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> l.contains("=") && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> filesUnder(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static List<String> textValues(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static boolean covers(JsonNode labels, JsonNode selector) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText())) {
                return false;
            }
        }
        return true;
    }

    private static String name(JsonNode resource) {
        return resource.at("/metadata/name").asText();
    }

    private static void check(List<String> problems, boolean holds, String expectation) {
        if (!holds) {
            problems.add(expectation);
        }
    }
}
