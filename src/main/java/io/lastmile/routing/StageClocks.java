package io.lastmile.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The clocks a matter or a channel sets for the stages of a ticket, each optional: what it leaves
 * out follows the next rule down (docs/time-limits.md). {@code basis} says where the limits come
 * from: a rule's name, or that they are demo values.
 */
public record StageClocks(StageClock queue, StageClock signFor, StageClock completion, String basis) {

    /** The stages of a ticket that have a clock set from the catalog. */
    public enum Stage {
        /** 待派遣: from receipt or a return to dispatch. */
        QUEUE("queue"),
        /** 签收: from dispatch to the unit's sign-for (for a 12315 complaint, its 受理决定). */
        SIGN_FOR("signFor"),
        /** 办结: from sign-for (or dispatch) to resolution. */
        COMPLETION("completion");

        private final String field;

        Stage(String field) {
            this.field = field;
        }

        /** The stage's field name in the catalog. */
        public String field() {
            return field;
        }
    }

    /** The clock this sets for a stage, or null. */
    public StageClock clock(Stage stage) {
        return switch (stage) {
            case QUEUE -> queue;
            case SIGN_FOR -> signFor;
            case COMPLETION -> completion;
        };
    }

    List<String> problems(String where) {
        List<String> problems = new ArrayList<>();
        if (queue == null && signFor == null && completion == null) {
            problems.add(where + ": names no stage; give queue, signFor or completion");
        }
        for (Stage stage : Stage.values()) {
            if (clock(stage) != null) {
                problems.addAll(clock(stage).problems(where + "." + stage.field(), stage == Stage.QUEUE));
            }
        }
        if (basis != null && basis.length() > 500) {
            problems.add(where + ".basis: at most 500 characters");
        }
        return problems;
    }
}
