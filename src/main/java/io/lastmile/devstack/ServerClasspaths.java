package io.lastmile.devstack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Each server's classpath: a folder of jars under {@code .devstack/lib/<module>}, built by the
 * separate Maven build in {@code devstack/} (not under the Quarkus BOM, which would force its own
 * kafka-clients, Netty and Jackson onto the broker). Built once, rebuilt when {@code devstack/}
 * changes; the first build downloads the servers from Maven Central.
 */
final class ServerClasspaths {

    private static final String SOURCE_HASH_FILE = ".source-hash";

    private final Path projectRoot;
    private final Path libFolder;
    private final Path logFile;

    ServerClasspaths(Path projectRoot, Path stackFolder) {
        this.projectRoot = projectRoot;
        this.libFolder = stackFolder.resolve("lib");
        this.logFile = stackFolder.resolve("logs").resolve("server-classpaths.log");
    }

    /** The classpath of a module, built first if missing or older than {@code devstack/}. */
    String classpathOf(String module) {
        return libFolder.resolve(module).toAbsolutePath() + "/*";
    }

    void ensureBuilt(List<String> modules) {
        try {
            Files.createDirectories(libFolder);
            Files.createDirectories(logFile.getParent());
            String sourceHash = hashOfDevstackSources();
            // Two runs starting at once (dev mode beside a test run) must not build into the same folder.
            try (FileChannel channel = FileChannel.open(libFolder.resolve(".build.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                List<String> stale = new ArrayList<>();
                for (String module : modules) {
                    Path hashFile = libFolder.resolve(module).resolve(SOURCE_HASH_FILE);
                    if (!Files.exists(hashFile) || !Files.readString(hashFile).equals(sourceHash)) {
                        stale.add(module);
                    }
                }
                if (stale.isEmpty()) {
                    return;
                }
                for (String module : stale) {
                    deleteRecursively(libFolder.resolve(module));
                }
                runMaven(stale);
                for (String module : stale) {
                    Files.writeString(libFolder.resolve(module).resolve(SOURCE_HASH_FILE), sourceHash);
                }
            }
        } catch (IOException e) {
            throw new DevStackException("Could not prepare the dev stack's server classpaths in " + libFolder
                    + ": " + e.getMessage(), e);
        }
    }

    private void runMaven(List<String> modules) throws IOException {
        Path wrapper = projectRoot.resolve("mvnw");
        List<String> command = new ArrayList<>(List.of(wrapper.toString(), "-B", "-q",
                "-f", projectRoot.resolve("devstack/pom.xml").toString(),
                "-pl", String.join(",", modules), "-am", "package",
                "-Ddevstack.lib=" + libFolder.toAbsolutePath()));
        String localRepository = System.getProperty("maven.repo.local");
        if (localRepository != null) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        System.out.println("[devstack] building the server classpaths " + modules
                + " (first time only; downloads from Maven Central; log: " + logFile + ")");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(projectRoot.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = builder.start();
        try {
            if (!maven.waitFor(20, TimeUnit.MINUTES)) {
                maven.destroyForcibly();
                throw new DevStackException("Building the server classpaths took more than 20 minutes; see " + logFile);
            }
        } catch (InterruptedException e) {
            maven.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while building the server classpaths", e);
        }
        if (maven.exitValue() != 0) {
            throw new DevStackException("Building the server classpaths " + modules + " failed (exit "
                    + maven.exitValue() + "); see " + logFile + ":\n" + LogTail.of(logFile, 30));
        }
    }

    /** The devstack build's poms and sources: when they change, the classpaths are rebuilt. */
    private String hashOfDevstackSources() throws IOException {
        Path devstack = projectRoot.resolve("devstack");
        try (Stream<Path> files = Files.walk(devstack)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !devstack.relativize(f).toString().contains("target"))
                    .sorted().toList()) {
                digest.update(devstack.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
