package io.lastmile.devstack.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What every server main of the local stack shares: its command line, a watchdog that ends the
 * server when the process it serves is gone (also after a {@code kill -9} of that process, when no
 * shutdown hook runs), and the ready file through which the launcher learns that it answers.
 */
public final class ServerProcess {

    private final Map<String, String> options;

    private ServerProcess(Map<String, String> options) {
        this.options = options;
    }

    /**
     * Reads {@code --name value} pairs and starts the watchdog on {@code --watch-pid}.
     */
    public static ServerProcess start(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        ServerProcess process = new ServerProcess(options);
        process.exitWhenWatchedProcessIsGone(Long.parseLong(process.option("watch-pid")));
        return process;
    }

    public String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }

    public int intOption(String name) {
        return Integer.parseInt(option(name));
    }

    public Path pathOption(String name) {
        return Path.of(option(name)).toAbsolutePath();
    }

    private void exitWhenWatchedProcessIsGone(long pid) {
        Thread watchdog = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("[devstack] process " + pid + " is gone: stopping this server");
            // System.exit runs the shutdown hooks, which stop the server cleanly.
            System.exit(0);
        }, "devstack-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Tells the launcher that the server answers: writes the facts atomically, so the launcher never
     * reads a half-written file.
     */
    public void reportReady(Map<String, String> facts) {
        Path readyFile = pathOption("ready-file");
        Properties properties = new Properties();
        properties.putAll(facts);
        try {
            Files.createDirectories(readyFile.getParent());
            Path temporary = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "ready");
            }
            Files.move(temporary, readyFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            fail("cannot write the ready file " + readyFile, e);
        }
        System.err.println("[devstack] ready: " + facts);
    }

    /** Ends this process with a message the launcher shows to the person who started it. */
    public static void fail(String message, Throwable cause) {
        System.err.println("[devstack] FAILED: " + message);
        if (cause != null) {
            cause.printStackTrace();
        }
        System.exit(2);
    }

    /** Blocks the main thread; the server lives in its own threads until the process exits. */
    public void awaitExit() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
