package io.lastmile;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps the capability packages honest (see the house style): dependencies point inward to
 * {@code ticket}; consumers of events never call back into the services that produced them; the
 * dev stack is tooling that no domain code may use.
 */
class ArchitectureTest {

    private static JavaClasses service;

    @BeforeAll
    static void importService() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lastmile");
    }

    @Test
    void ticketDependsOnNoCapabilityButTheOutboxItWritesInItsTransaction() {
        classes().that().resideInAPackage("io.lastmile.ticket..")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages(
                        "io.lastmile.intake..", "io.lastmile.routing..", "io.lastmile.dispatch..",
                        "io.lastmile.sla..", "io.lastmile.live..", "io.lastmile.search..", "io.lastmile.stats..",
                        "io.lastmile.devstack..", "io.lastmile.demo..", "io.lastmile.security..", "io.lastmile.duplicates..")
                .check(service);
    }

    @Test
    void onlyTheTicketModelChangesATicket() {
        // The rules live in the model: a capability asks it with a command and never sets a field itself.
        fields().that().areDeclaredIn(io.lastmile.ticket.Ticket.class).should().notBePublic()
                .because("a public field would let any capability change a ticket behind the model's back")
                .check(service);
        noClasses().that().resideOutsideOfPackage("io.lastmile.ticket..")
                .should().setFieldWhere(JavaAccess.Predicates.targetOwner(JavaClass.Predicates.assignableTo(
                        io.lastmile.ticket.Ticket.class)))
                .orShould().dependOnClassesThat().areAssignableTo(io.lastmile.ticket.Ticket.class)
                .because("dispatch, sla, duplicates and intake take steps through TicketService.handle")
                .check(service);
    }

    @Test
    void theTicketsRulesArePlainJava() {
        // Jakarta Persistence annotations map the aggregate to its table; no rule uses a framework type.
        noClasses().that().belongToAnyOf(io.lastmile.ticket.Ticket.class, io.lastmile.ticket.ActingRules.class,
                        io.lastmile.ticket.TicketCommand.class, io.lastmile.ticket.Step.class,
                        io.lastmile.ticket.TicketScope.class, io.lastmile.ticket.Actor.class,
                        io.lastmile.ticket.Owners.class, io.lastmile.ticket.Deadlines.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "org.hibernate..", "io.vertx..",
                        "io.smallrye..", "jakarta.ws..", "jakarta.enterprise..")
                .check(service);
    }

    @Test
    void capabilitiesHaveNoDependencyCycles() {
        slices().matching("io.lastmile.(*)..").should().beFreeOfCycles().check(service);
    }

    /**
     * The one consumer of ticket-events that acts: duplicate detection merges through
     * TicketService.handle with the same command a dispatcher sends, reads PostgreSQL through
     * TicketQueries, and never the search index.
     */
    @Test
    void duplicateDetectionActsThroughTheWorkflowAndNeverThroughTheSearchIndex() {
        // Detection reads PostgreSQL, not the index, whose lag would split three quick callers.
        noClasses().that().resideInAPackage("io.lastmile.duplicates..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lastmile.search..", "io.lastmile.outbox..",
                        "io.lastmile.live..", "io.lastmile.intake..")
                .orShould().dependOnClassesThat().areAssignableTo(io.lastmile.ticket.Ticket.class)
                .check(service);
    }

    @Test
    void routingDecidesOwnersWithoutKnowingHowTicketsArriveOrLeave() {
        noClasses().that().resideInAPackage("io.lastmile.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lastmile.intake..", "io.lastmile.outbox..",
                        "io.lastmile.search..", "io.lastmile.live..", "io.lastmile.demo..", "io.lastmile.devstack..",
                        "io.lastmile.dispatch..")
                .check(service);
    }

    @Test
    void geometryIsPlainMathThatDependsOnNoCapability() {
        noClasses().that().resideInAPackage("io.lastmile.geo..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lastmile.ticket..", "io.lastmile.intake..",
                        "io.lastmile.outbox..", "io.lastmile.search..", "io.lastmile.live..", "io.lastmile.demo..",
                        "io.lastmile.platform..", "io.lastmile.devstack..", "io.lastmile.routing..")
                .check(service);
    }

    @Test
    void theClassifierIsPlainJavaThatDependsOnNoCapability() {
        // Routing builds it from the catalog; it must keep answering whatever is down (the search node included).
        noClasses().that().resideInAPackage("io.lastmile.classify..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lastmile.ticket..", "io.lastmile.routing..",
                        "io.lastmile.intake..", "io.lastmile.search..", "io.lastmile.platform..", "io.quarkus..",
                        "io.vertx..", "io.smallrye..", "jakarta..", "com.fasterxml..")
                .check(service);
    }

    @Test
    void theDemoFeedActsAsASourceSystemThroughTheTopicsOnly() {
        noClasses().that().resideInAPackage("io.lastmile.demo..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Service")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.lastmile.ticket..", "io.lastmile.intake..",
                        "io.lastmile.outbox..")
                .check(service);
    }

    @Test
    void outboxKnowsNothingOfTheEventsItCarries() {
        noClasses().that().resideInAPackage("io.lastmile.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lastmile.ticket..", "io.lastmile.search..",
                        "io.lastmile.live..")
                .check(service);
    }

    @Test
    void eventConsumersReadEventsAndNamedQueriesAndNeverCallTheProducers() {
        noClasses().that().resideInAnyPackage("io.lastmile.search..", "io.lastmile.live..", "io.lastmile.stats..")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Service")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().dependOnClassesThat().resideInAPackage("io.lastmile.outbox..")
                .orShould().dependOnClassesThat().areAssignableTo(io.lastmile.ticket.Ticket.class)
                .because("consumers are projections: they read ticket-events and the named read queries ticket/ offers "
                        + "(TicketQueries, which only reads), never a service or repository that writes; duplicate "
                        + "detection, the one consumer that acts, is the named exception (see the rule below)")
                .check(service);
    }

    /** Only ticket/ writes SQL that names the ticket table: the others use TicketQueries. */
    @Test
    void onlyTheTicketPackageWritesSqlNamingTheTicketTable() throws java.io.IOException {
        java.util.regex.Pattern namingTicket = java.util.regex.Pattern.compile(
                "(?i)\\b(FROM|JOIN|UPDATE|INTO|TABLE)\\s+ticket\\b(?!_)");
        java.nio.file.Path sources = java.nio.file.Path.of("src", "main", "java", "io", "lastmile");
        java.util.List<String> found = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.walk(sources)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (file.startsWith(sources.resolve("ticket"))) {
                    continue;
                }
                java.util.List<String> lines = java.nio.file.Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (namingTicket.matcher(lines.get(i)).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), found,
                "SQL naming the ticket table outside ticket/: add a named query to TicketQueries instead");
    }

    @Test
    void noDomainCodeUsesTheDevStack() {
        noClasses().that().resideOutsideOfPackage("io.lastmile.devstack..")
                .should().dependOnClassesThat().resideInAPackage("io.lastmile.devstack..")
                .check(service);
    }

    @Test
    void theDevStackUsesNoDomainCode() {
        noClasses().that().resideInAPackage("io.lastmile.devstack..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lastmile.ticket..", "io.lastmile.outbox..",
                        "io.lastmile.search..", "io.lastmile.live..", "io.lastmile.platform..")
                .check(service);
    }
}
