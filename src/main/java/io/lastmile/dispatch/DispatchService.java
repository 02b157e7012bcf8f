package io.lastmile.dispatch;

import io.lastmile.routing.CatalogItem;
import io.lastmile.routing.Organization.Unit;
import io.lastmile.routing.RoutingService;
import io.lastmile.routing.RoutingSnapshot;
import io.lastmile.security.Viewer;
import io.lastmile.sla.TicketClock;
import io.lastmile.ticket.JointHandling;
import io.lastmile.ticket.Step;
import io.lastmile.ticket.StepRefused;
import io.lastmile.ticket.Ticket;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketService;
import io.lastmile.ticket.TicketService.StepRequest;
import io.lastmile.ticket.TicketView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The actions of dispatchers, unit officials, operators and supervisors on a ticket. Each one
 * checks what its step needs, says what it changes, and leaves the state machine, the row lock, the
 * timeline and the event to {@link TicketService#apply}.
 *
 * <p>首问负责制: a dispatch offers the ticket to a unit; the unit becomes responsible when it signs
 * for it. A return hands responsibility back to the command center.
 */
@ApplicationScoped
public class DispatchService {

    static final List<String> SATISFACTION = List.of("非常满意", "满意", "基本满意", "不满意", "非常不满意");
    private static final List<String> UNSATISFIED = List.of("不满意", "非常不满意");

    private final TicketService tickets;
    private final RoutingService routing;
    private final TicketClock ticketClock;
    private final Clock clock;

    public DispatchService(TicketService tickets, RoutingService routing, TicketClock ticketClock, Clock clock) {
        this.tickets = tickets;
        this.routing = routing;
        this.ticketClock = ticketClock;
        this.clock = clock;
    }

    /** The step by this caller, who must have the ticket within reach (403 otherwise). */
    public Uni<TicketView> act(String ticketNumber, Step step, Viewer actor, StepBody body) {
        StepBody b = body == null ? StepBody.EMPTY : body;
        RoutingSnapshot snapshot = routing.snapshot();
        Map<String, Object> data = new LinkedHashMap<>();
        Consumer<Ticket> stepChange = switch (step) {
            case ANSWER_AT_INTAKE -> answerAtIntake(b, data);
            case REGISTER -> register(b, snapshot, data);
            case DISPATCH -> dispatch(b, snapshot, data);
            case SIGN_FOR -> t -> t.responsible = t.unitCode;
            case START, CLOSE -> t -> { };
            case RETURN -> returnToDispatcher(required("reason", b.reason()), snapshot, data);
            case ACCEPT_RETURN, REASSIGN -> moveTo(unit(snapshot, required("unitCode", b.unitCode())), snapshot, data);
            case REJECT_RETURN -> forceBack(required("reason", b.reason()), snapshot, data);
            case START_JOINT_HANDLING -> joint(b, snapshot, data);
            case REPORT_ASSISTANCE -> assistanceReport(b, data);
            case REQUEST_EXTENSION, APPROVE_EXTENSION -> extension(step, b, data);
            case DENY_EXTENSION -> {
                required("reason", b.reason());
                yield t -> { };
            }
            case REQUEST_DOCUMENTS -> documents(b, data);
            case RESUME_WITH_DOCUMENTS, VERIFY -> t -> { };
            case RESOLVE -> resolve(required("result", b.result()), data);
            case REVISIT -> revisit(b, data);
            case REDO -> redo(required("reason", b.reason()), snapshot, data);
            case SUPERVISE -> {
                required("reason", b.reason());
                yield t -> t.supervised = true;
            }
            case ESCALATE -> escalate(required("reason", b.reason()), snapshot, data);
            case MERGE -> merge(ticketNumber, required("intoTicketNumber", b.intoTicketNumber()), data);
            case UNMERGE -> unmerge(required("reason", b.reason()), data);
            case PICK_UP -> pickUp(data);
            case RAISE_YELLOW_CARD, RAISE_RED_CARD, KIOSK_UNANSWERED ->
                    throw new StepInvalid("step", "由时限监控自动触发 (raised by the time-limit watch only)");
        };
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Every step also moves the ticket's clock: deadlines, pauses and when its cards fall due.
        Consumer<Ticket> change = stepChange.andThen(t -> ticketClock.onStep(step, t, now, TicketClock.Limit.of(snapshot, t.catalogCode), b.days()));
        StepRequest request = new StepRequest(step, actor.username(), b.reason(), data);
        Consumer<Ticket> access = actor::requireCovers;
        if (step == Step.MERGE) {
            // The earlier ticket must exist; it is read before the merged one is locked.
            return tickets.findByNumber(b.intoTicketNumber())
                    .onItem().ifNull().failWith(() -> new StepInvalid("intoTicketNumber",
                            "没有受理单号为 " + b.intoTicketNumber() + " 的工单 (no ticket to merge into)"))
                    .invoke(into -> {
                        // One primary per problem: no chains of merged tickets to follow.
                        if (into.mergedInto() != null) {
                            throw new StepInvalid("intoTicketNumber", "该工单已合并到 " + into.mergedInto()
                                    + " (that ticket is merged into " + into.mergedInto() + "; merge into it instead)");
                        }
                    })
                    .chain(() -> tickets.apply(ticketNumber, request, access, change));
        }
        return tickets.apply(ticketNumber, request, access, change);
    }


    /** The township's operator answers a kiosk press (it no longer goes to the county center). */
    private Consumer<Ticket> pickUp(Map<String, Object> data) {
        return t -> {
            if (t.kind != TicketKind.KIOSK_RED && t.kind != TicketKind.KIOSK_GREEN) {
                throw new StepRefused("只有便民服务点呼叫需要接听 (only a kiosk press is picked up)", t.status);
            }
            if (t.pickedUpAt != null) {
                throw new StepRefused("已接听 (already picked up)", t.status);
            }
            t.pickedUpAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            data.put("pickedUpAt", t.pickedUpAt.toString());
        };
    }

    private static Consumer<Ticket> answerAtIntake(StepBody b, Map<String, Object> data) {
        String answer = required("result", b.result());
        return t -> {
            if (t.kind != TicketKind.CONSULTATION && t.kind != TicketKind.KIOSK_GREEN) {
                throw new StepRefused("只有咨询件可以即办 (only a consultation can be answered at intake; this is "
                        + t.kind.label() + ")", t.status);
            }
            t.immediate = true;
            t.resultText = answer;
            data.put("answer", answer);
        };
    }

    private static Consumer<Ticket> register(StepBody b, RoutingSnapshot snapshot, Map<String, Object> data) {
        CatalogItem item = b.catalogCode() == null ? null : snapshot.catalog().byCode(b.catalogCode())
                .orElseThrow(() -> new StepInvalid("catalogCode", "没有这个事项 (no catalog item " + b.catalogCode() + ")"));
        return t -> {
            if (item != null) {
                t.catalogCode = item.code();
                t.catalogName = item.name();
            }
            data.put("catalogCode", t.catalogCode);
        };
    }

    /** To the unit a dispatcher names, or by the routing rules for the ticket's matter and place. */
    private static Consumer<Ticket> dispatch(StepBody b, RoutingSnapshot snapshot, Map<String, Object> data) {
        Unit named = b.unitCode() == null ? null : unit(snapshot, b.unitCode());
        return t -> {
            Unit target = named != null ? named
                    : snapshot.router().owningUnit(t.catalogCode, t.townshipCode, t.villageCode);
            data.put("by", named != null ? "dispatcher" : "routing-rules");
            assign(t, target, snapshot, data);
        };
    }

    /** A hand-over to another unit (re-routing after a return, or a reassignment). */
    private static Consumer<Ticket> moveTo(Unit unit, RoutingSnapshot snapshot, Map<String, Object> data) {
        return t -> {
            String from = t.returnedByUnit != null && t.unitCode.equals(snapshot.router().center().code())
                    ? t.returnedByUnit : t.unitCode;
            if (unit.code().equals(from)) {
                throw new StepInvalid("unitCode", "工单刚从 " + unit.name() + " 转出 (choose another unit than the one it comes from)");
            }
            data.put("fromUnit", from);
            assign(t, unit, snapshot, data);
        };
    }

    private static void assign(Ticket t, Unit unit, RoutingSnapshot snapshot, Map<String, Object> data) {
        t.unitCode = unit.code();
        t.unitName = unit.name();
        t.assignee = snapshot.organization().holderOnDuty(unit.code());
        data.put("unitCode", unit.code());
        data.put("unitName", unit.name());
        data.put("assignee", t.assignee);
    }

    private static Consumer<Ticket> returnToDispatcher(String reason, RoutingSnapshot snapshot, Map<String, Object> data) {
        return t -> {
            t.returnedByUnit = t.unitCode;
            data.put("returnedBy", t.unitCode);
            Unit center = snapshot.router().center();
            assign(t, center, snapshot, data);
            t.responsible = center.code();
        };
    }

    /** The dispatcher rejects the return: the unit that returned it must handle it. */
    private static Consumer<Ticket> forceBack(String reason, RoutingSnapshot snapshot, Map<String, Object> data) {
        return t -> {
            if (t.returnedByUnit == null) {
                throw new StepInvalid("reason", "不知道退回单位 (the returning unit is unknown)");
            }
            assign(t, unit(snapshot, t.returnedByUnit), snapshot, data);
            data.put("forced", true);
        };
    }

    private static Consumer<Ticket> joint(StepBody b, RoutingSnapshot snapshot, Map<String, Object> data) {
        if (b.units() == null || b.units().isEmpty()) {
            throw new StepInvalid("units", "请指定协办单位 (at least one assisting unit is required)");
        }
        List<Unit> units = b.units().stream().distinct().map(code -> unit(snapshot, code)).toList();
        return t -> {
            List<JointHandling.Assistant> assistants = new ArrayList<>();
            for (Unit unit : units) {
                if (unit.code().equals(t.unitCode)) {
                    throw new StepInvalid("units", "主办单位不能同时协办 (the lead unit cannot also assist)");
                }
                assistants.add(new JointHandling.Assistant(unit.code(), false, unit.name(), null));
            }
            t.assistants = JointHandling.write(assistants);
            data.put("leadUnit", t.unitCode);
            data.put("assistingUnits", units.stream().map(Unit::code).toList());
        };
    }

    private static Consumer<Ticket> assistanceReport(StepBody b, Map<String, Object> data) {
        String unit = required("unitCode", b.unitCode());
        String report = required("result", b.result());
        return t -> {
            List<JointHandling.Assistant> assistants = new ArrayList<>(JointHandling.read(t.assistants));
            int index = -1;
            for (int i = 0; i < assistants.size(); i++) {
                if (assistants.get(i).unitCode().equals(unit)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw new StepInvalid("unitCode", unit + " 不是本工单的协办单位 (not an assisting unit of this ticket)");
            }
            JointHandling.Assistant assistant = assistants.get(index);
            assistants.set(index, new JointHandling.Assistant(assistant.unitCode(), true, assistant.unitName(), report));
            t.assistants = JointHandling.write(assistants);
            data.put("unitCode", unit);
            data.put("report", report);
        };
    }

    private static Consumer<Ticket> extension(Step step, StepBody b, Map<String, Object> data) {
        if (b.days() == null || b.days() < 1 || b.days() > 90) {
            throw new StepInvalid("days", "延期天数须在1到90之间 (days must be 1 to 90)");
        }
        if (step == Step.REQUEST_EXTENSION) {
            required("reason", b.reason());
        }
        data.put("days", b.days());
        return t -> {
            if (step == Step.APPROVE_EXTENSION) {
                t.extensionDays += b.days();
            }
        };
    }

    private static Consumer<Ticket> documents(StepBody b, Map<String, Object> data) {
        if (b.documents() == null || b.documents().isEmpty() || b.documents().stream().anyMatch(d -> d == null || d.isBlank())) {
            throw new StepInvalid("documents", "请列出需补充的材料 (list every document the citizen must bring, at once: 一次性告知)");
        }
        data.put("documents", b.documents());
        return t -> { };
    }

    private static Consumer<Ticket> resolve(String result, Map<String, Object> data) {
        data.put("result", result);
        return t -> {
            List<JointHandling.Assistant> pending = JointHandling.pending(t.assistants);
            if (!pending.isEmpty()) {
                throw new StepRefused("协办单位尚未反馈：" + pending.stream().map(JointHandling.Assistant::unitName).toList()
                        + " (assisting units have not reported: "
                        + pending.stream().map(JointHandling.Assistant::unitCode).toList() + ")", t.status);
            }
            t.resultText = result;
        };
    }

    private static Consumer<Ticket> revisit(StepBody b, Map<String, Object> data) {
        String satisfaction = required("satisfaction", b.satisfaction());
        if (!SATISFACTION.contains(satisfaction)) {
            throw new StepInvalid("satisfaction", "满意度须为 " + String.join("/", SATISFACTION) + " (unknown satisfaction)");
        }
        data.put("satisfaction", satisfaction);
        return t -> t.satisfaction = satisfaction;
    }

    private static Consumer<Ticket> redo(String reason, RoutingSnapshot snapshot, Map<String, Object> data) {
        return t -> {
            if (!UNSATISFIED.contains(t.satisfaction)) {
                throw new StepRefused("群众满意，无需重办 (only a ticket the citizen was not satisfied with is redone)", t.status);
            }
            t.redoCount++;
            data.put("redoCount", t.redoCount);
            data.put("previousSatisfaction", t.satisfaction);
            t.satisfaction = null;
            assign(t, unit(snapshot, t.unitCode), snapshot, data);
        };
    }

    private static Consumer<Ticket> escalate(String reason, RoutingSnapshot snapshot, Map<String, Object> data) {
        return t -> {
            Unit above = snapshot.router().levelAbove(t.unitCode, t.catalogCode)
                    .orElseThrow(() -> new StepRefused("已在县级，无法再升级 (already at the county: there is no level above)", t.status));
            data.put("fromUnit", t.unitCode);
            assign(t, above, snapshot, data);
        };
    }

    private static Consumer<Ticket> merge(String ticketNumber, String into, Map<String, Object> data) {
        if (into.equals(ticketNumber)) {
            throw new StepInvalid("intoTicketNumber", "不能合并到自身 (a ticket cannot be merged into itself)");
        }
        data.put("intoTicketNumber", into);
        return t -> t.mergedInto = into;
    }

    private static Consumer<Ticket> unmerge(String reason, Map<String, Object> data) {
        return t -> {
            data.put("fromTicketNumber", t.mergedInto);
            t.mergedInto = null;
        };
    }

    private static Unit unit(RoutingSnapshot snapshot, String code) {
        return snapshot.organization().unit(code)
                .orElseThrow(() -> new StepInvalid("unitCode", "没有这个单位 (no unit " + code + ")"));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new StepInvalid(field, "必填 (" + field + " is required for this step)");
        }
        return value.strip();
    }
}
