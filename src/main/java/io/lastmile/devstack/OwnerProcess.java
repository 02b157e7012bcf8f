package io.lastmile.devstack;

import java.util.Optional;

/** Finds the process whose life the dev stack follows. */
final class OwnerProcess {

    private static final String MAVEN_MAIN = "org.codehaus.plexus.classworlds.launcher.Launcher";

    /**
     * {@code quarkus:dev} runs the application in a JVM forked by Maven; the person's command is the
     * Maven process, so the stack lives as long as the top-most Maven ancestor. Without one (the
     * application started some other way), this JVM itself.
     */
    static ProcessHandle topLevelMavenOrSelf() {
        ProcessHandle owner = ProcessHandle.current();
        Optional<ProcessHandle> ancestor = owner.parent();
        while (ancestor.isPresent()) {
            if (isMaven(ancestor.get())) {
                owner = ancestor.get();
            }
            ancestor = ancestor.get().parent();
        }
        return owner;
    }

    private static boolean isMaven(ProcessHandle process) {
        return process.info().arguments()
                .map(arguments -> java.util.Arrays.asList(arguments).contains(MAVEN_MAIN))
                .orElse(false);
    }

    private OwnerProcess() {
    }
}
