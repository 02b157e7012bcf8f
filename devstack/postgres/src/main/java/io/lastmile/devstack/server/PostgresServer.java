package io.lastmile.devstack.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server (the official binaries, unpacked from a Maven artifact) with the
 * service's database and role. Options: --watch-pid --port --data --binaries --ready-file
 * --database --user --password.
 */
public final class PostgresServer {

    public static void main(String[] args) {
        ServerProcess process = ServerProcess.start(args);
        try {
            Path data = process.pathOption("data");
            stopLeftoverPostmaster(data);
            Files.createDirectories(data.getParent());
            Path binaries = process.pathOption("binaries");
            Files.createDirectories(binaries);
            removeHalfUnpackedBinaries(binaries);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(process.intOption("port"))
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setRegisterShutdownHook(true)
                    .start();
            createDatabase(postgres, process.option("database"), process.option("user"), process.option("password"));
            process.reportReady(Map.of(
                    "port", String.valueOf(postgres.getPort()),
                    "database", process.option("database")));
            process.awaitExit();
        } catch (Throwable e) {
            ServerProcess.fail("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /**
     * A run that ended by {@code kill -9} of everything (watchdog included) leaves a postmaster
     * behind that would hold the data folder: stop it, so a second start needs no manual clean-up.
     */
    private static void stopLeftoverPostmaster(Path data) throws Exception {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (postmaster.isEmpty()) {
            return;
        }
        System.err.println("[devstack] stopping the postmaster " + postmaster.get().pid() + " left by an earlier run");
        postmaster.get().destroy();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (postmaster.get().isAlive()) {
            postmaster.get().destroyForcibly();
        }
    }

    /**
     * A start killed while unpacking the binaries leaves a folder without zonky's {@code .exists}
     * marker, on which the next unpack fails; remove it unless another start is unpacking it now.
     */
    private static void removeHalfUnpackedBinaries(Path binaries) throws IOException {
        try (DirectoryStream<Path> unpacked = Files.newDirectoryStream(binaries, "PG-*")) {
            for (Path folder : unpacked) {
                if (Files.exists(folder.resolve(".exists"))) {
                    continue;
                }
                try (FileChannel lock = FileChannel.open(folder.resolve("epg-lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock held = lock.tryLock()) {
                    if (held == null) {
                        continue;
                    }
                    System.err.println("[devstack] removing half-unpacked binaries " + folder);
                    try (Stream<Path> files = Files.walk(folder)) {
                        files.sorted(Comparator.reverseOrder())
                                .filter(f -> !f.equals(folder) && !f.getFileName().toString().equals("epg-lock"))
                                .forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres, String database, String user, String password)
            throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet role = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + user + "'")) {
                if (!role.next()) {
                    statement.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password + "'");
                }
            }
            try (ResultSet db = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!db.next()) {
                    statement.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\" TEMPLATE template0 ENCODING 'UTF8'");
                }
            }
        }
    }

    private PostgresServer() {
    }
}
