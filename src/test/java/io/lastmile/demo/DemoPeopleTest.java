package io.lastmile.demo;

import io.lastmile.demo.DemoPeople.Plan;
import io.lastmile.demo.DemoPeople.Seen;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the demo's simulated people do next, after how long, and how satisfied their citizens are. */
class DemoPeopleTest {

    /** A random that always rolls the same: every share decision goes the way the roll says. */
    private static Random rolling(int percentRoll, double fraction) {
        return new Random() {
            @Override
            public int nextInt(int bound) {
                return Math.min(percentRoll, bound - 1);
            }

            @Override
            public double nextDouble() {
                return fraction;
            }
        };
    }

    private static Seen ticket(String status, String kind, Set<String> allowed) {
        return new Seen("4309222612070001", status, kind, "430922104-BMFW", "430922104", null, 0, 0, allowed);
    }

    private static Plan next(DemoPeople people, Seen t) {
        return people.next(t).orElseThrow(() -> new AssertionError("no step for " + t));
    }

    @Test
    void eachStateLeadsToTheStepItsPersonTakes() {
        DemoPeople noShares = new DemoPeople(rolling(99, 0.5), 1, 3, 3, 50); // every share roll misses
        Map<String, String> expected = Map.of(
                "RECEIVED", "DISPATCHER dispatch", "DISPATCHED", "OFFICIAL sign-for", "SIGNED_FOR", "OFFICIAL start",
                "IN_PROGRESS", "OFFICIAL resolve", "RETURNED", "DISPATCHER return/reject",
                "EXTENSION_REQUESTED", "DISPATCHER extension/approve", "RESOLVED", "DISPATCHER verify",
                "VERIFIED", "DISPATCHER close", "CLOSED", "OPERATOR revisit");
        expected.forEach((status, step) -> {
            Plan plan = next(noShares, ticket(status, "COMPLAINT", Set.of()));
            assertEquals(step, plan.who() + " " + plan.action(), status);
        });
        assertEquals(Optional.empty(), noShares.next(ticket("MERGED", "COMPLAINT", Set.of())), "a merged caller follows its primary");
    }

    @Test
    void theSharesDecideReturnsExtensionsAndAnswersAtIntake() {
        DemoPeople allShares = new DemoPeople(rolling(0, 0.5), 1, 3, 3, 50); // every share roll hits
        assertEquals("OFFICIAL return", describe(next(allShares, ticket("DISPATCHED", "COMPLAINT", Set.of()))));
        Plan extension = next(allShares, ticket("IN_PROGRESS", "COMPLAINT", Set.of()));
        assertEquals("OFFICIAL extension", describe(extension));
        assertEquals(3, extension.body().get("days"));
        assertEquals("OPERATOR answer", describe(next(allShares, ticket("RECEIVED", "CONSULTATION", Set.of()))));
        assertEquals("DISPATCHER dispatch", describe(next(allShares, ticket("RECEIVED", "COMPLAINT", Set.of()))),
                "only consultations are answered at intake");
        Seen extendedOnce = new Seen("n", "IN_PROGRESS", "COMPLAINT", "u", "t", null, 0, 3, Set.of());
        assertEquals("OFFICIAL resolve", describe(next(allShares, extendedOnce)), "one extension per ticket");
    }

    @Test
    void aKioskPressIsPickedUpFirstAndAnUnhappyCitizenGetsOneRedo() {
        DemoPeople people = new DemoPeople(rolling(99, 0.5), 1, 3, 3, 50);
        assertEquals("OFFICIAL pickup", describe(next(people, ticket("DISPATCHED", "KIOSK_RED", Set.of("PICK_UP", "SIGN_FOR")))));
        assertEquals("OFFICIAL sign-for", describe(next(people, ticket("DISPATCHED", "KIOSK_RED", Set.of("SIGN_FOR")))),
                "once picked up, the press is handled as any ticket");
        Seen unhappy = new Seen("n", "REVISITED", "COMPLAINT", "u", "t", "不满意", 0, 0, Set.of());
        assertEquals("SUPERVISOR redo", describe(next(people, unhappy)));
        assertEquals(Optional.empty(), people.next(new Seen("n", "REVISITED", "COMPLAINT", "u", "t", "不满意", 1, 0, Set.of())),
                "a second unhappy answer is left as it is");
        assertEquals(Optional.empty(), people.next(new Seen("n", "REVISITED", "COMPLAINT", "u", "t", "满意", 0, 0, Set.of())));
        assertEquals(Optional.empty(), people.next(new Seen("n", "CLOSED", "COMPLAINT", "u", "t", "满意", 0, 0, Set.of())),
                "a closed ticket is revisited once");
    }

    @Test
    void delaysAreWorkingMinutesCompressedBySpeed() {
        // u = 0.5 weighs towards the early end: 3 + 57 × 0.25 = 17.25 minutes to sign for.
        Plan realTime = next(new DemoPeople(rolling(99, 0.5), 1, 3, 3, 50), ticket("DISPATCHED", "COMPLAINT", Set.of()));
        assertEquals(Duration.ofSeconds(1035), realTime.delay());
        Plan compressed = next(new DemoPeople(rolling(99, 0.5), 600, 3, 3, 50), ticket("DISPATCHED", "COMPLAINT", Set.of()));
        assertEquals(Duration.ofMillis(1725), compressed.delay(), "600×: a working minute is a tenth of a second");
        Plan slowest = next(new DemoPeople(rolling(99, 0.999_999), 1, 3, 3, 50), ticket("IN_PROGRESS", "COMPLAINT", Set.of()));
        assertTrue(slowest.delay().compareTo(Duration.ofHours(8)) <= 0 && slowest.delay().compareTo(Duration.ofHours(7)) > 0,
                "a matter on site takes at most a working day: " + slowest.delay());
        assertThrows(IllegalArgumentException.class, () -> new DemoPeople(new Random(), 0, 3, 3, 50));
    }

    @Test
    void theCitizensAnswersGiveTheSeedsSatisfactionAndTheSharesHold() {
        DemoPeople people = new DemoPeople(new Random(19), 600, 3, 3, 50);
        Map<String, Integer> answers = new HashMap<>();
        int returns = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            answers.merge(people.satisfaction(), 1, Integer::sum);
            if ("return".equals(next(people, ticket("DISPATCHED", "COMPLAINT", Set.of())).action())) {
                returns++;
            }
        }
        int satisfied = answers.getOrDefault("非常满意", 0) + answers.getOrDefault("满意", 0) + answers.getOrDefault("基本满意", 0);
        double rate = satisfied / (double) n;
        assertTrue(rate > 0.96 && rate < 0.98, "满意率 like the seeds' 97 %: " + rate + " " + answers);
        assertEquals(Set.of("非常满意", "满意", "基本满意", "不满意", "非常不满意"), answers.keySet());
        double returnRate = returns / (double) n;
        assertTrue(returnRate > 0.025 && returnRate < 0.035, "回退 about 3 %: " + returnRate);
    }

    private static String describe(Plan plan) {
        return plan.who() + " " + plan.action();
    }
}
