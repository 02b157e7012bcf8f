package io.lastmile.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A small county for the model's plain tests: fake {@link Owners} and {@link Deadlines} with
 * simple arithmetic, and tickets put straight into any state (the fields are package private).
 */
final class ModelFixtures {

    static final String CENTER = "430922-ZHZX";
    static final String XIUSHAN = "430922104-BMFW";
    static final String HUAQIAOGANG = "430922104201-BMFWZ";
    static final String WUTAN = "430922103-BMFW";
    static final String CGJ = "430922-CGJ";
    static final String SLJ = "430922-SLJ";

    static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

    private static final Map<String, String> NAMES = Map.of(CENTER, "桃江县综合指挥中心", XIUSHAN, "修山镇便民服务中心",
            HUAQIAOGANG, "花桥港村便民服务站", WUTAN, "武潭镇便民服务中心", CGJ, "县城管局", SLJ, "县水利局");

    /** Village station → township center → the matter's department (城管局) → county center. */
    static final Owners OWNERS = new Owners() {
        @Override
        public Optional<Unit> unit(String code) {
            return Optional.ofNullable(NAMES.get(code)).map(name -> new Unit(code, name, "holder-of-" + code));
        }

        @Override
        public Unit owningUnit(String catalogCode, String townshipCode, String villageCode) {
            return unit("430922104".equals(townshipCode) ? XIUSHAN : "430922103".equals(townshipCode) ? WUTAN : CENTER)
                    .orElseThrow();
        }

        @Override
        public Unit center() {
            return unit(CENTER).orElseThrow();
        }

        @Override
        public Optional<Unit> levelAbove(String unitCode, String catalogCode) {
            return switch (unitCode) {
                case HUAQIAOGANG -> unit(XIUSHAN);
                case XIUSHAN, WUTAN -> unit(CGJ);
                case CENTER -> Optional.empty();
                default -> unit(CENTER);
            };
        }

        @Override
        public Optional<Matter> matter(String catalogCode) {
            return "TJ-CG-001".equals(catalogCode) || "TJ-SL-002".equals(catalogCode)
                    ? Optional.of(new Matter(catalogCode, "事项 " + catalogCode)) : Optional.empty();
        }
    };

    /** Calendar days for working days, minutes for the queue, and yellow at 80 % of the calendar time. */
    static final Deadlines DEADLINES = new Deadlines() {
        @Override
        public Deadline queue(TicketFacts ticket, Instant from) {
            return limited(from, switch (ticket.urgency()) {
                case CRITICAL -> Duration.ofMinutes(15);
                case URGENT -> Duration.ofMinutes(30);
                case NORMAL -> Duration.ofHours(2);
            });
        }

        @Override
        public Deadline signFor(TicketFacts ticket, Instant from) {
            return limited(from, switch (ticket.urgency()) {
                case CRITICAL -> Duration.ofHours(1);
                case URGENT -> Duration.ofHours(2);
                case NORMAL -> Duration.ofHours(24);
            });
        }

        @Override
        public boolean completionStartsAtDispatch() {
            return false;
        }

        @Override
        public Deadline completion(TicketFacts ticket, Instant start) {
            return limited(start, Duration.ofDays(5));
        }

        @Override
        public Instant completionYellowAt(TicketFacts ticket, Instant start, Instant deadline) {
            return eightyPercent(start, deadline);
        }

        @Override
        public Deadline feedback(Instant closedAt) {
            return limited(closedAt, Duration.ofDays(3));
        }

        @Override
        public Deadline afterWorkingDays(Instant from, int days) {
            return limited(from, Duration.ofDays(days));
        }

        @Override
        public Deadline shiftedByPause(Instant moment, Instant pausedAt, Instant resumedAt) {
            return new Deadline(moment.plus(Duration.between(pausedAt, resumedAt)), null, false);
        }

        @Override
        public Instant yellowInWorkingTime(Instant start, Instant deadline) {
            return eightyPercent(start, deadline);
        }

        @Override
        public Duration escalateAfterRed() {
            return Duration.ofHours(2);
        }

        private Deadline limited(Instant start, Duration limit) {
            return new Deadline(start.plus(limit), eightyPercent(start, start.plus(limit)), false);
        }

        private Instant eightyPercent(Instant start, Instant deadline) {
            return start.plusMillis(Duration.between(start, deadline).toMillis() * 8 / 10);
        }
    };

    static StepContext at(Instant now) {
        return new StepContext(OWNERS, DEADLINES, now);
    }

    static Actor dispatcher() {
        return new Actor("dispatcher", Actor.Kind.DISPATCHER, CENTER, TicketScope.EVERYTHING);
    }

    static Actor official(String unit) {
        // A township center or village station reads its area; a county department (430922-…) has none.
        String code = unit.substring(0, unit.indexOf('-'));
        return new Actor("official-of-" + unit, Actor.Kind.OFFICIAL, unit,
                TicketScope.of(Set.of(unit), code.length() > 6 ? code : null));
    }

    static Actor of(Actor.Kind kind, String unit) {
        return kind == Actor.Kind.OFFICIAL ? official(unit) : new Actor(kind.name().toLowerCase(), kind, unit, TicketScope.EVERYTHING);
    }

    /**
     * A 修山镇 kiosk press (a green one: it may be answered at intake and picked up) owned by the
     * township center, with everything any step could need: a reported assisting unit, a returning
     * unit, an unsatisfied revisit, a primary it is merged into, a yellow card due.
     */
    static Ticket ticket(TicketStatus status) {
        Ticket t = Ticket.receive(UUID.randomUUID(), "430922-20261124-000001",
                new NewTicket(Channel.KIOSK, "kiosk-1", NOW.minus(Duration.ofHours(3)), TicketKind.KIOSK_GREEN, Urgency.NORMAL,
                        "花桥港村便民服务点呼叫", null, Location.UNKNOWN, Contact.NONE, Map.of(), "kiosk-gateway"),
                new Owner("430922104", "修山镇", "430922104201", "花桥港村", XIUSHAN, NAMES.get(XIUSHAN), "TJ-CG-001", "事项",
                        "holder-of-" + XIUSHAN, "kiosk-registry", CENTER),
                "{}", NOW.minus(Duration.ofHours(3)), DEADLINES);
        t.status = status;
        t.assistants = JointHandling.write(List.of(new JointHandling.Assistant(CGJ, true, NAMES.get(CGJ), "已配合")));
        t.returnedByUnit = WUTAN;
        t.satisfaction = "不满意";
        t.mergedInto = status == TicketStatus.MERGED ? "430922-20261124-000000" : null;
        t.resumeStatus = switch (status) {
            case EXTENSION_REQUESTED, WAITING_FOR_DOCUMENTS -> TicketStatus.IN_PROGRESS;
            case MERGED -> TicketStatus.DISPATCHED;
            default -> null;
        };
        t.yellowAt = NOW.minus(Duration.ofMinutes(10));
        t.redAt = NOW.plus(Duration.ofHours(1));
        t.deadline = t.redAt;
        t.escalateAt = NOW.minus(Duration.ofMinutes(1));
        return t;
    }

    private ModelFixtures() {
    }
}
