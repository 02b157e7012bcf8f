package io.lastmile.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's promises about failures and lifetimes, on real processes. */
class DevStackTest {

    private static final Path PROJECT_ROOT = Path.of("").toAbsolutePath();

    @Test
    void takenPortIsRefusedWithAMessageNamingServerPortAndLog(@TempDir Path stackFolder) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            DevStackSettings settings = new DevStackSettings(PROJECT_ROOT, stackFolder, false,
                    true, false, false, port, 0, 0, List.of(), 1);

            DevStackException refused = assertThrows(DevStackException.class,
                    () -> new DevStack(settings, ProcessHandle.current()).ensureStarted());

            String message = refused.getMessage();
            assertTrue(message.contains("PostgreSQL"), message);
            assertTrue(message.contains("port " + port), message);
            assertTrue(message.contains("already in use"), message);
            assertTrue(message.contains(stackFolder.resolve("dev/logs/postgres.log").toString()), message);
            assertFalse(Files.exists(stackFolder.resolve("dev/stack.properties")), "no half-started state is recorded");
        }
    }

    @Test
    void serversStopWhenTheirOwnerIsKilledWithoutAChanceToCleanUp() throws Exception {
        Process owner = new ProcessBuilder("sleep", "300").start();
        DevStackSettings settings = new DevStackSettings(PROJECT_ROOT, PROJECT_ROOT.resolve(".devstack"), true,
                true, false, false, 0, 0, 0, List.of(), 1);
        try {
            Map<String, String> config = new DevStack(settings, owner.toHandle()).ensureStarted();
            assertTrue(config.get("quarkus.datasource.reactive.url").startsWith("postgresql://127.0.0.1:"), config.toString());
            Path runFolder = PROJECT_ROOT.resolve(".devstack/test-runs/" + owner.pid());
            long postmaster = Long.parseLong(Files.readAllLines(runFolder.resolve("data/postgres/postmaster.pid")).get(0).trim());
            List<ProcessHandle> server = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("--watch-pid")
                            && List.of(a).contains(String.valueOf(owner.pid()))).orElse(false))
                    .toList();
            assertFalse(server.isEmpty(), "the server JVM runs");
            assertTrue(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "postgres runs");

            owner.destroyForcibly(); // kill -9: no shutdown hook of the owner runs

            await().atMost(Duration.ofSeconds(60)).until(() -> server.stream().noneMatch(ProcessHandle::isAlive)
                    && !ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            owner.destroyForcibly();
        }
    }
}
