package io.lastmile.bench;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark run's one table: each benchmark adds its figures, against their targets, and the
 * table is printed when the run ends (and written to {@code target/bench-figures.md} for the docs).
 * Registered as a JUnit Platform listener; a run without benchmarks prints nothing.
 */
public final class BenchFigures implements TestExecutionListener {

    /** One line: what was measured, the figure, the target it is held to and whether it is met. */
    public record Figure(String measure, String figure, String target, String verdict) {
    }

    private static final List<Figure> FIGURES = new ArrayList<>();

    public static synchronized void add(String measure, String figure, String target, boolean met) {
        FIGURES.add(new Figure(measure, figure, target, target.isEmpty() ? "" : met ? "met" : "NOT met"));
        System.out.printf("[bench] %s: %s%s%n", measure, figure, target.isEmpty() ? "" : " (target " + target + ": "
                + (met ? "met" : "NOT met") + ")");
    }

    /** A figure with no target of its own (a ceiling, a ratio's parts). */
    public static void add(String measure, String figure) {
        add(measure, figure, "", true);
    }

    static synchronized String table() {
        StringBuilder out = new StringBuilder("| measure | figure | target | |\n|---|---|---|---|\n");
        FIGURES.forEach(f -> out.append("| ").append(f.measure()).append(" | ").append(f.figure()).append(" | ")
                .append(f.target()).append(" | ").append(f.verdict()).append(" |\n"));
        return out.toString();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String table;
        synchronized (BenchFigures.class) {
            if (FIGURES.isEmpty()) {
                return;
            }
            table = table();
        }
        System.out.println("\n[bench] the run's figures (" + machine() + "):\n" + table);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "bench-figures.md"), "Machine: " + machine() + "\n\n" + table);
        } catch (IOException e) {
            System.out.println("[bench] could not write target/bench-figures.md: " + e);
        }
    }

    /** Processors and memory as the JVM sees them, and the load: the figures mean little without them. */
    static String machine() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException unknown) {
            load = "unknown";
        }
        return "%d processors, JDK %s, load average %s".formatted(Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), load);
    }
}
