package io.lastmile.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * One server of the local stack as the launcher starts it: its own JVM, with the classpath built
 * into {@code .devstack/lib/<module>}, its main class from the {@code devstack/} build, and a
 * ready file it writes once it answers.
 *
 * @param name       short name used for folders and files ({@code postgres}, {@code kafka}, …)
 * @param label      what a person calls it in a message ({@code PostgreSQL 17})
 * @param module     the folder of jars under {@code .devstack/lib}
 * @param mainClass  the server main in that classpath
 * @param jvmOptions heap and system properties of the child JVM
 * @param arguments  server-specific options (the launcher adds the common ones)
 * @param ports      every port it binds, the client port first
 */
record StackServer(String name, String label, String module, String mainClass, List<String> jvmOptions,
        List<String> arguments, List<Integer> ports) {

    int port() {
        return ports.get(0);
    }

    Path logFile(Path runFolder) {
        return runFolder.resolve("logs").resolve(name + ".log");
    }

    Path readyFile(Path runFolder) {
        return runFolder.resolve("ready").resolve(name + ".ready");
    }

    Path dataFolder(Path runFolder) {
        return runFolder.resolve("data").resolve(module);
    }
}
