package io.lastmile.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Starts the local stack (PostgreSQL, Kafka, OpenSearch), each as its own JVM with its own
 * classpath, all in parallel, and answers with the configuration that points the service at them.
 *
 * <p>Idempotent per owner process: dev mode calls it on every build and live reload, a test run
 * on every application start. Its state lives in a file of the run folder, never in static fields,
 * because each of those calls may come from a fresh class loader.
 *
 * <p>Every server watches its owner process and stops when it is gone, also after a
 * {@code kill -9}, when no shutdown hook runs. The owner is the test JVM in a test run and the
 * top-level Maven process in dev mode (whose application JVM is a child that Maven may not outlive).
 */
public final class DevStack {

    /** A string literal is one object per JVM, so all class loaders of dev mode share this monitor. */
    private static final Object JVM_WIDE_LOCK = "io.lastmile.devstack.DevStack.lock";
    private static final String SHUTDOWN_HOOK_PROPERTY = "lastmile.devstack.shutdown-hook";
    private static final String OWNER_WATCH_PROPERTY = "lastmile.devstack.owner-watch";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final DevStackSettings settings;
    private final ProcessHandle owner;
    private final Path runFolder;
    private final ServerClasspaths classpaths;

    DevStack(DevStackSettings settings) {
        this(settings, settings.test() ? ProcessHandle.current() : OwnerProcess.topLevelMavenOrSelf());
    }

    /** A stack that follows the given owner; tests use it to kill an owner and watch the servers go. */
    DevStack(DevStackSettings settings, ProcessHandle owner) {
        this.settings = settings;
        this.owner = owner;
        this.classpaths = new ServerClasspaths(settings.projectRoot(), settings.stackFolder());
        this.runFolder = settings.test()
                ? settings.stackFolder().resolve("test-runs").resolve(String.valueOf(owner.pid()))
                : settings.stackFolder().resolve("dev");
    }

    /**
     * A stack for a test run that is not a Quarkus test (the scale-out harness runs packaged service
     * replicas against it): free ports, a throw-away folder, owned by this JVM.
     */
    public static DevStack forTestRun(Path projectRoot, List<String> topics, int partitions) {
        return new DevStack(new DevStackSettings(projectRoot, projectRoot.resolve(".devstack"), true, true, true, true,
                0, 0, 0, topics, partitions));
    }

    /** Starts what is not running yet for this owner and returns the configuration for the service. */
    public Map<String, String> ensureStarted() {
        synchronized (JVM_WIDE_LOCK) {
            Optional<Map<String, String>> running = readRunningStack();
            if (running.isPresent()) {
                keepTiedToOwner(List.of());
                return running.get();
            }
            return start();
        }
    }

    private Map<String, String> start() {
        long startedAt = System.nanoTime();
        removeFoldersOfEndedTestRuns();
        List<StackServer> servers = plan();
        if (servers.isEmpty()) {
            return Map.of();
        }
        // Ports first: a taken port is the commonest failure and needs no download to find.
        for (StackServer server : servers) {
            requireFreePorts(server);
        }
        classpaths.ensureBuilt(servers.stream().map(StackServer::module).distinct().toList());
        List<Process> processes = new ArrayList<>();
        try {
            for (StackServer server : servers) {
                processes.add(launch(server));
            }
            awaitReady(servers, processes);
        } catch (RuntimeException e) {
            stopAll(processes.stream().map(Process::toHandle).toList());
            throw e;
        }
        Map<String, String> config = configFor(servers);
        writeState(processes, config);
        keepTiedToOwner(processes.stream().map(Process::pid).toList());
        System.out.printf("[devstack] ready in %.1f s: %s (run folder %s)%n",
                (System.nanoTime() - startedAt) / 1e9,
                servers.stream().map(s -> s.label() + " on 127.0.0.1:" + s.port()).collect(Collectors.joining(", ")),
                runFolder);
        return config;
    }

    private List<StackServer> plan() {
        List<StackServer> servers = new ArrayList<>();
        List<String> common = List.of("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8");
        if (settings.startPostgres()) {
            int port = portOrFree(settings.postgresPort());
            servers.add(new StackServer("postgres", "PostgreSQL 17", "postgres",
                    "io.lastmile.devstack.server.PostgresServer",
                    concat(common, "-Xmx256m", "-XX:+UseSerialGC"),
                    List.of("--binaries", settings.stackFolder().resolve("postgres-binaries").toAbsolutePath().toString(),
                            "--database", DevStackSettings.DATABASE, "--user", DevStackSettings.DATABASE_USER,
                            "--password", DevStackSettings.DATABASE_PASSWORD),
                    List.of(port)));
        }
        if (settings.startKafka()) {
            int port = portOrFree(settings.kafkaPort());
            int controllerPort = settings.kafkaPort() == 0 ? freePort() : settings.kafkaPort() + 1;
            String topics = settings.topics().stream().map(t -> t + ":" + settings.partitions())
                    .collect(Collectors.joining(","));
            servers.add(new StackServer("kafka", "Kafka 4.1 (KRaft)", "kafka",
                    "io.lastmile.devstack.server.KafkaServer",
                    concat(common, "-Xmx384m", "-Xms128m"),
                    List.of("--controller-port", String.valueOf(controllerPort), "--topics", topics),
                    List.of(port, controllerPort)));
        }
        if (settings.startSearch()) {
            int port = portOrFree(settings.searchPort());
            int transportPort = settings.searchPort() == 0 ? freePort() : settings.searchPort() + 100;
            // OpenSearch 2.x needs the Security Manager, which Java 24 removed; 3.x needs Java 21.
            boolean modernJava = Runtime.version().feature() >= 21;
            List<String> jvm = concat(common, "-Xms256m", "-Xmx512m");
            if (!modernJava && Runtime.version().feature() >= 18) {
                jvm = concat(jvm, "-Djava.security.manager=allow");
            }
            servers.add(new StackServer("opensearch", modernJava ? "OpenSearch 3.8" : "OpenSearch 2.16",
                    modernJava ? "opensearch-3" : "opensearch-2",
                    "io.lastmile.devstack.server.OpenSearchServer", jvm,
                    List.of("--transport-port", String.valueOf(transportPort), "--cluster-name", "lastmile-devstack"),
                    List.of(port, transportPort)));
        }
        return servers;
    }

    private Process launch(StackServer server) {
        Path log = server.logFile(runFolder);
        Path ready = server.readyFile(runFolder);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(server.jvmOptions());
        command.add("-cp");
        command.add(classpaths.classpathOf(server.module()));
        command.add(server.mainClass());
        command.addAll(List.of("--watch-pid", String.valueOf(owner.pid()), "--port", String.valueOf(server.port()),
                "--data", server.dataFolder(runFolder).toAbsolutePath().toString(),
                "--ready-file", ready.toAbsolutePath().toString()));
        command.addAll(server.arguments());
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(ready);
            return new ProcessBuilder(command)
                    .directory(settings.projectRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new DevStackException(server.label() + " could not be launched (" + e.getMessage() + "); log: " + log, e);
        }
    }

    private void awaitReady(List<StackServer> servers, List<Process> processes) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            waiting.add(i);
        }
        while (!waiting.isEmpty()) {
            for (Integer i : List.copyOf(waiting)) {
                StackServer server = servers.get(i);
                if (Files.exists(server.readyFile(runFolder))) {
                    waiting.remove(i);
                } else if (!processes.get(i).isAlive()) {
                    throw failure(server, "stopped during start-up (exit code " + processes.get(i).exitValue() + ")");
                }
            }
            if (System.nanoTime() > deadline) {
                throw failure(servers.get(waiting.get(0)), "did not answer within " + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep(100);
        }
    }

    private DevStackException failure(StackServer server, String what) {
        Path log = server.logFile(runFolder);
        return new DevStackException(server.label() + " on 127.0.0.1:" + server.port() + " " + what
                + ". Its log is " + log.toAbsolutePath() + "; last lines:\n" + LogTail.of(log, 25));
    }

    private void requireFreePorts(StackServer server) {
        for (int port : server.ports()) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException taken) {
                throw new DevStackException(server.label() + " cannot start: port " + port
                        + " on 127.0.0.1 is already in use (" + taken.getMessage() + "). Stop whatever holds it"
                        + " (`ss -ltnp 'sport = :" + port + "'` names it), or choose other ports with "
                        + DevStackSettings.PORT_SETTINGS_HINT + ". Its log would be "
                        + server.logFile(runFolder).toAbsolutePath());
            }
        }
    }

    /** The service's view of the stack: only the servers that this run started. */
    private static Map<String, String> configFor(List<StackServer> servers) {
        Map<String, String> config = new LinkedHashMap<>();
        for (StackServer server : servers) {
            String address = "127.0.0.1:" + server.port();
            switch (server.name()) {
                case "postgres" -> {
                    config.put("quarkus.datasource.reactive.url", "postgresql://" + address + "/" + DevStackSettings.DATABASE);
                    config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + address + "/" + DevStackSettings.DATABASE);
                    config.put("quarkus.datasource.username", DevStackSettings.DATABASE_USER);
                    config.put("quarkus.datasource.password", DevStackSettings.DATABASE_PASSWORD);
                }
                case "kafka" -> config.put("kafka.bootstrap.servers", address);
                case "opensearch" -> config.put("quarkus.elasticsearch.hosts", address);
                default -> throw new IllegalStateException("unknown server " + server.name());
            }
        }
        return config;
    }

    private Path stateFile() {
        return runFolder.resolve("stack.properties");
    }

    private void writeState(List<Process> processes, Map<String, String> config) {
        Properties state = new Properties();
        state.setProperty("owner", String.valueOf(owner.pid()));
        state.setProperty("pids", processes.stream().map(p -> String.valueOf(p.pid())).collect(Collectors.joining(",")));
        config.forEach((key, value) -> state.setProperty("config." + key, value));
        try (Writer out = Files.newBufferedWriter(stateFile(), StandardCharsets.UTF_8)) {
            state.store(out, "the running dev stack; rewritten at each start");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack this owner already started, if every one of its servers still runs. */
    private Optional<Map<String, String>> readRunningStack() {
        Path file = stateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties state = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            state.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<ProcessHandle> servers = pidsOf(state);
        boolean sameOwner = String.valueOf(owner.pid()).equals(state.getProperty("owner"));
        if (!sameOwner || servers.isEmpty() || !servers.stream().allMatch(ProcessHandle::isAlive)) {
            // A stack of an earlier run: its watchdogs stop it; make sure before reusing its ports.
            stopAll(servers);
            return Optional.empty();
        }
        Map<String, String> config = new LinkedHashMap<>();
        state.stringPropertyNames().stream().filter(k -> k.startsWith("config."))
                .forEach(k -> config.put(k.substring("config.".length()), state.getProperty(k)));
        return Optional.of(config);
    }

    /**
     * The recorded servers that still run. A pid can belong to another program after a reboot, so
     * only a process whose command line is one of our servers counts.
     */
    private static List<ProcessHandle> pidsOf(Properties state) {
        String pids = state.getProperty("pids", "");
        return Arrays.stream(pids.split(",")).filter(s -> !s.isBlank())
                .map(s -> ProcessHandle.of(Long.parseLong(s.trim())))
                .flatMap(Optional::stream)
                .filter(DevStack::isStackServer)
                .toList();
    }

    static boolean isStackServer(ProcessHandle process) {
        return process.info().arguments()
                .map(arguments -> Arrays.stream(arguments).anyMatch(a -> a.startsWith("io.lastmile.devstack.server."))
                        && Arrays.asList(arguments).contains("--watch-pid"))
                .orElse(false);
    }

    /**
     * When this JVM owns the stack, a shutdown hook stops it (Ctrl-C, SIGTERM, end of the tests).
     * When Maven owns it (dev mode), this application JVM ends with Maven too: otherwise a
     * {@code kill -9} of Maven would leave it running and holding the HTTP port.
     */
    private void keepTiedToOwner(List<Long> serverPids) {
        if (owner.pid() == ProcessHandle.current().pid()) {
            if (!serverPids.isEmpty() && System.getProperty(SHUTDOWN_HOOK_PROPERTY) == null) {
                System.setProperty(SHUTDOWN_HOOK_PROPERTY, "installed");
                List<Long> pids = List.copyOf(serverPids);
                Path testRunFolder = settings.test() ? runFolder : null;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnExit(pids, testRunFolder),
                        "devstack-stop"));
            }
        } else if (!settings.test() && System.getProperty(OWNER_WATCH_PROPERTY) == null) {
            System.setProperty(OWNER_WATCH_PROPERTY, String.valueOf(owner.pid()));
            Thread watch = new Thread(() -> {
                while (owner.isAlive()) {
                    sleep(500);
                }
                System.out.println("[devstack] the run command (pid " + owner.pid() + ") is gone: exiting");
                System.exit(0);
            }, "devstack-owner-watch");
            watch.setDaemon(true);
            watch.start();
        }
    }

    private static void stopOnExit(List<Long> pids, Path testRunFolder) {
        stopAll(pids.stream().map(ProcessHandle::of).flatMap(Optional::stream).toList());
        if (testRunFolder != null) {
            try {
                ServerClasspaths.deleteRecursively(testRunFolder);
            } catch (IOException | RuntimeException e) {
                System.err.println("[devstack] could not remove " + testRunFolder + ": " + e);
            }
        }
    }

    /** Asks each server to stop (they stop cleanly on SIGTERM), then insists after 30 s. */
    static void stopAll(List<ProcessHandle> servers) {
        servers.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (ProcessHandle server : servers) {
            while (server.isAlive() && System.nanoTime() < deadline) {
                sleep(100);
            }
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }
    }

    /** Test runs keep their data in a folder named after the test JVM; remove those of ended runs. */
    private void removeFoldersOfEndedTestRuns() {
        Path testRuns = settings.stackFolder().resolve("test-runs");
        if (!Files.isDirectory(testRuns)) {
            return;
        }
        try (DirectoryStream<Path> runs = Files.newDirectoryStream(testRuns)) {
            for (Path run : runs) {
                String name = run.getFileName().toString();
                boolean ended = !name.chars().allMatch(Character::isDigit)
                        || ProcessHandle.of(Long.parseLong(name)).map(p -> !p.isAlive()).orElse(true);
                if (ended) {
                    ServerClasspaths.deleteRecursively(run);
                }
            }
        } catch (IOException e) {
            System.err.println("[devstack] could not clean " + testRuns + ": " + e);
        }
    }

    private static int portOrFree(int configured) {
        return configured == 0 ? freePort() : configured;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevStackException("No free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while waiting for the dev stack", e);
        }
    }
}
