package io.lastmile.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Test runs only: stops one server of this test JVM's stack and starts it again with the same
 * command line (same port, same data folder), so that a test can watch the service ride out an
 * outage. The stack's state file is updated with the new process, so a later application start in
 * the same run still finds the stack complete. Tests share the stack: restart in a {@code finally}.
 */
public final class ServerOutage {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path runFolder;
    private final String name;
    private final List<String> command;
    private ProcessHandle process;

    private ServerOutage(Path runFolder, String name, List<String> command, ProcessHandle process) {
        this.runFolder = runFolder;
        this.name = name;
        this.command = command;
        this.process = process;
    }

    /** The search server (OpenSearch) of the stack this test JVM started, under {@code projectRoot/.devstack}. */
    public static ServerOutage ofSearchServer(Path projectRoot) {
        Path runFolder = projectRoot.resolve(".devstack").resolve("test-runs").resolve(String.valueOf(ProcessHandle.current().pid()));
        Properties state = readState(runFolder);
        for (String pid : state.getProperty("pids", "").split(",")) {
            ProcessHandle candidate = pid.isBlank() ? null : ProcessHandle.of(Long.parseLong(pid.trim())).orElse(null);
            if (candidate == null || !candidate.isAlive()) {
                continue;
            }
            String[] arguments = candidate.info().arguments().orElse(new String[0]);
            if (Arrays.asList(arguments).contains("io.lastmile.devstack.server.OpenSearchServer")) {
                List<String> command = new ArrayList<>();
                command.add(candidate.info().command().orElseThrow(() -> new DevStackException("no command line of " + pid)));
                command.addAll(Arrays.asList(arguments));
                return new ServerOutage(runFolder, "opensearch", command, candidate);
            }
        }
        throw new DevStackException("This test JVM's stack (" + runFolder + ") has no running search server");
    }

    /** Stops the server as an operator would (SIGTERM, then SIGKILL after 30 s) and waits until it is gone. */
    public void stop() {
        DevStack.stopAll(List.of(process));
    }

    /** Starts it again and waits until it answers; answers how long that took. */
    public Duration start() {
        long started = System.nanoTime();
        Path ready = runFolder.resolve("ready").resolve(name + ".ready");
        Path log = runFolder.resolve("logs").resolve(name + ".log");
        try {
            Files.deleteIfExists(ready);
            Process restarted = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (!Files.exists(ready)) {
                if (!restarted.isAlive() || System.nanoTime() > deadline) {
                    throw new DevStackException(name + " did not come back; its log is " + log + ":\n" + LogTail.of(log, 25));
                }
                Thread.sleep(100);
            }
            replacePid(process.pid(), restarted.pid());
            process = restarted.toHandle();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("interrupted while restarting " + name, e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void replacePid(long old, long now) throws IOException {
        Properties state = readState(runFolder);
        state.setProperty("pids", Arrays.stream(state.getProperty("pids", "").split(","))
                .map(p -> p.trim().equals(String.valueOf(old)) ? String.valueOf(now) : p.trim())
                .collect(Collectors.joining(",")));
        try (Writer out = Files.newBufferedWriter(runFolder.resolve("stack.properties"), StandardCharsets.UTF_8)) {
            state.store(out, "the running dev stack; rewritten at each start");
        }
    }

    private static Properties readState(Path runFolder) {
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(runFolder.resolve("stack.properties"), StandardCharsets.UTF_8)) {
            state.load(in);
        } catch (IOException e) {
            throw new DevStackException("No stack of this test JVM in " + runFolder + " (" + e.getMessage() + ")", e);
        }
        return state;
    }
}
