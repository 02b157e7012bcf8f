package io.lastmile.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What the demo's simulated people do next with a ticket of the demo feed, and after how long: the
 * officials of its unit sign for (签收), start, resolve (办结), now and then return (退回) or ask for
 * more days (延期); the command center's dispatcher dispatches what routing left, decides returns
 * and extensions, verifies (核查) and closes (结案); the operator answers some consultations at
 * once (即办) and calls the citizen back (回访), whose answer follows the seeds' mix; the supervisor
 * has a ticket redone (重办) when the citizen was not satisfied. Pure: the randomness comes in, so
 * tests can pin every decision.
 */
final class DemoPeople {

    /** Who takes a step: the unit's own official, or a county role. */
    enum Who { OFFICIAL, DISPATCHER, OPERATOR, SUPERVISOR }

    /** A ticket as the people see it when they open it (the fields of the REST view they decide on). */
    record Seen(String number, String status, String kind, String unitCode, String townshipCode, String satisfaction,
            int redoCount, int extensionDays, Set<String> allowedSteps) {
    }

    /**
     * The next step: who takes it, its REST action under {@code /api/v1/tickets/{number}/}, its body,
     * and the real delay before it (the drawn one divided by the speed).
     */
    record Plan(Who who, String action, Map<String, Object> body, Duration delay) {
    }

    /** The citizens' answers to 回访 in percent, as the seeds report them: 97 % at least 基本满意. */
    static final List<Map.Entry<String, Integer>> SATISFACTION_MIX = List.of(Map.entry("非常满意", 62),
            Map.entry("满意", 28), Map.entry("基本满意", 7), Map.entry("不满意", 2), Map.entry("非常不满意", 1));
    static final Set<String> SATISFIED = Set.of("非常满意", "满意", "基本满意");

    private final Random random;
    private final double speed;
    private final int returnPercent;
    private final int extensionPercent;
    private final int answerAtIntakePercent;

    DemoPeople(Random random, double speed, int returnPercent, int extensionPercent, int answerAtIntakePercent) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("lastmile.demo.actors.speed must be above 0, not " + speed);
        }
        this.random = random;
        this.speed = speed;
        this.returnPercent = returnPercent;
        this.extensionPercent = extensionPercent;
        this.answerAtIntakePercent = answerAtIntakePercent;
    }

    /** The next step, or none when the ticket is done (or waits for someone the demo does not play). */
    Optional<Plan> next(Seen t) {
        boolean kiosk = t.kind() != null && t.kind().startsWith("KIOSK");
        Plan plan = switch (t.status()) {
            case "RECEIVED", "REGISTERED" -> {
                if (kiosk && t.allowedSteps().contains("PICK_UP")) {
                    yield plan(Who.OFFICIAL, "pickup", Map.of(), 1, 3);
                }
                if ("RECEIVED".equals(t.status()) && "CONSULTATION".equals(t.kind()) && percent(answerAtIntakePercent)) {
                    yield plan(Who.OPERATOR, "answer", Map.of("result", "已电话答复来电人相关政策和办理流程。"), 2, 8);
                }
                yield plan(Who.DISPATCHER, "dispatch", Map.of(), 5, 25);
            }
            case "DISPATCHED" -> {
                if (kiosk && t.allowedSteps().contains("PICK_UP")) {
                    yield plan(Who.OFFICIAL, "pickup", Map.of(), 1, 3);
                }
                if (percent(returnPercent)) {
                    yield plan(Who.OFFICIAL, "return", Map.of("reason", "经核实不属于本单位职责，请重新派遣。"), 10, 60);
                }
                yield plan(Who.OFFICIAL, "sign-for", Map.of(), 3, 60);
            }
            case "RETURNED" -> plan(Who.DISPATCHER, "return/reject",
                    Map.of("reason", "经核实属于该单位职责范围，请签收办理。"), 10, 40);
            case "SIGNED_FOR" -> plan(Who.OFFICIAL, "start", Map.of(), 5, 40);
            case "IN_PROGRESS" -> {
                if (t.extensionDays() == 0 && percent(extensionPercent)) {
                    yield plan(Who.OFFICIAL, "extension", Map.of("days", 3, "reason", "需协调相关部门现场处理，申请延期。"), 30, 120);
                }
                // A consultation takes a call or two; a matter on site takes hours.
                yield "CONSULTATION".equals(t.kind())
                        ? plan(Who.OFFICIAL, "resolve", Map.of("result", "已向群众解答并告知办理流程。"), 20, 120)
                        : plan(Who.OFFICIAL, "resolve", Map.of("result", "已现场处理完毕，群众反映的问题已解决。"), 60, 8 * 60);
            }
            case "EXTENSION_REQUESTED" -> plan(Who.DISPATCHER, "extension/approve",
                    Map.of("days", 3, "reason", "同意延期。"), 10, 60);
            case "WAITING_FOR_DOCUMENTS" -> plan(Who.OFFICIAL, "documents/received", Map.of(), 60, 24 * 60);
            case "RESOLVED" -> plan(Who.DISPATCHER, "verify", Map.of("reason", "电话核实，处理属实。"), 10, 60);
            case "VERIFIED" -> plan(Who.DISPATCHER, "close", Map.of("reason", "办理完毕，予以结案。"), 5, 30);
            case "CLOSED" -> t.satisfaction() == null
                    ? plan(Who.OPERATOR, "revisit", Map.of("satisfaction", satisfaction()), 60, 6 * 60)
                    : null;
            case "REVISITED" -> t.satisfaction() != null && !SATISFIED.contains(t.satisfaction()) && t.redoCount() == 0
                    ? plan(Who.SUPERVISOR, "redo", Map.of("reason", "群众不满意，请重新办理。"), 30, 120)
                    : null;
            default -> null; // MERGED follows its primary
        };
        return Optional.ofNullable(plan);
    }

    /** One citizen's answer to the 回访 call, drawn from {@link #SATISFACTION_MIX}. */
    String satisfaction() {
        int roll = random.nextInt(100);
        for (Map.Entry<String, Integer> answer : SATISFACTION_MIX) {
            roll -= answer.getValue();
            if (roll < 0) {
                return answer.getKey();
            }
        }
        return SATISFACTION_MIX.get(0).getKey();
    }

    /**
     * A delay between {@code fromMinutes} and {@code toMinutes} of working time, short ones more likely
     * (most people act soon, a few late), compressed by the speed.
     */
    Duration delay(int fromMinutes, int toMinutes) {
        double u = random.nextDouble();
        double minutes = fromMinutes + (toMinutes - fromMinutes) * u * u;
        return Duration.ofMillis(Math.max(1, Math.round(minutes * 60_000 / speed)));
    }

    private Plan plan(Who who, String action, Map<String, Object> body, int fromMinutes, int toMinutes) {
        return new Plan(who, action, new LinkedHashMap<>(body), delay(fromMinutes, toMinutes));
    }

    private boolean percent(int share) {
        return random.nextInt(100) < share;
    }
}
