package io.lastmile.devstack;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the launcher starts and where, read from the configuration it is about to complete.
 *
 * @param projectRoot   the folder holding {@code mvnw} and {@code devstack/}
 * @param stackFolder   the git-ignored folder for classpaths, data and logs ({@code .devstack})
 * @param test          a test run: free ports and a throw-away data folder
 * @param startPostgres false when {@code QUARKUS_DATASOURCE_REACTIVE_URL} points at an external server
 * @param startKafka    false when {@code KAFKA_BOOTSTRAP_SERVERS} points at an external broker
 * @param startSearch   false when {@code QUARKUS_ELASTICSEARCH_HOSTS} points at an external node
 * @param postgresPort  client port, 0 for a free one
 * @param kafkaPort     client port (the controller takes the next one), 0 for free ports
 * @param searchPort    HTTP port (transport takes this + 100), 0 for free ports
 * @param topics        the service's topics, created up front
 * @param partitions    partitions of each topic, several so that scaling out can be shown
 */
record DevStackSettings(Path projectRoot, Path stackFolder, boolean test, boolean startPostgres, boolean startKafka,
        boolean startSearch, int postgresPort, int kafkaPort, int searchPort, List<String> topics, int partitions) {

    static final String DATABASE = "lastmile";
    static final String DATABASE_USER = "lastmile";
    static final String DATABASE_PASSWORD = "lastmile";
    static final String PORT_SETTINGS_HINT =
            "lastmile.devstack.postgres-port / kafka-port / search-port (e.g. -Dlastmile.devstack.kafka-port=49092)";

    /** Values at or above this ordinal were set by a person (application.properties, env, -D), not defaults. */
    private static final int SET_BY_A_PERSON = 250;

    static DevStackSettings from(ConfigSourceContext context, boolean test) {
        Path root = findProjectRoot();
        return new DevStackSettings(root, root.resolve(".devstack"), test,
                !isSet(context, "quarkus.datasource.reactive.url"),
                !isSet(context, "kafka.bootstrap.servers"),
                !isSet(context, "quarkus.elasticsearch.hosts"),
                intValue(context, "lastmile.devstack.postgres-port", test ? 0 : 55432),
                intValue(context, "lastmile.devstack.kafka-port", test ? 0 : 59092),
                intValue(context, "lastmile.devstack.search-port", test ? 0 : 59200),
                Arrays.stream(stringValue(context, "lastmile.devstack.topics", "ticket-events").split(","))
                        .map(String::trim).filter(t -> !t.isEmpty()).toList(),
                intValue(context, "lastmile.devstack.partitions", 6));
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && value.getSourceOrdinal() >= SET_BY_A_PERSON;
    }

    private static int intValue(ConfigSourceContext context, String name, int fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : Integer.parseInt(value.getValue().trim());
    }

    private static String stringValue(ConfigSourceContext context, String name, String fallback) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null ? fallback : value.getValue();
    }

    /** Dev mode runs in the project folder and tests in it; walk up in case a tool runs from {@code target/}. */
    private static Path findProjectRoot() {
        Path folder = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = folder; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("devstack/pom.xml")) && Files.isRegularFile(candidate.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new DevStackException("The dev stack runs from a checkout of lastmile: no folder above " + folder
                + " holds devstack/pom.xml and mvnw. Point the service at external servers instead"
                + " (QUARKUS_DATASOURCE_REACTIVE_URL, KAFKA_BOOTSTRAP_SERVERS, QUARKUS_ELASTICSEARCH_HOSTS).");
    }
}
