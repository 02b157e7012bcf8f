package io.lastmile.devstack.server;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in this JVM), with the
 * service's topics created up front with several partitions, so that scaling out can be shown.
 * Options: --watch-pid --port --controller-port --data --ready-file --topics (name:partitions,...).
 */
public final class KafkaServer {

    public static void main(String[] args) {
        ServerProcess process = ServerProcess.start(args);
        try {
            int port = process.intOption("port");
            Path data = process.pathOption("data");
            Path logDir = data.resolve("log");
            Path config = data.resolve("server.properties");
            Files.createDirectories(logDir);
            writeConfig(config, logDir, port, process.intOption("controller-port"));
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(config);
            }
            Thread broker = new Thread(() -> kafka.Kafka.main(new String[] {config.toString()}), "kafka-main");
            broker.start();
            String bootstrap = "127.0.0.1:" + port;
            createTopics(bootstrap, process.option("topics"), broker);
            process.reportReady(Map.of("port", String.valueOf(port), "bootstrap", bootstrap));
            process.awaitExit();
        } catch (Throwable e) {
            ServerProcess.fail("Kafka did not start: " + e.getMessage(), e);
        }
    }

    private static void writeConfig(Path config, Path logDir, int port, int controllerPort) throws Exception {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "6");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // One broker: a consumer group need not wait for more members before its first assignment.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(out, "written by the lastmile dev stack at each start");
        }
    }

    private static void format(Path config) {
        String clusterId = Uuid.randomUuid().toString();
        int exit = kafka.tools.StorageTool.execute(
                new String[] {"format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"},
                System.out);
        if (exit != 0) {
            throw new IllegalStateException("kafka-storage format failed with exit code " + exit);
        }
    }

    /**
     * Ready means the broker answers an admin request (an open port is not enough); then the
     * topics exist before the service subscribes to them.
     */
    private static void createTopics(String bootstrap, String topics, Thread broker) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException("the broker stopped during start-up (see the lines above)");
                }
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    break;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the broker did not answer within 2 minutes", notYet);
                    }
                    Thread.sleep(200);
                }
            }
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String spec : topics.split(",")) {
                String[] nameAndPartitions = spec.trim().split(":");
                if (!nameAndPartitions[0].isEmpty() && !existing.contains(nameAndPartitions[0])) {
                    missing.add(new NewTopic(nameAndPartitions[0], Integer.parseInt(nameAndPartitions[1]), (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private KafkaServer() {
    }
}
