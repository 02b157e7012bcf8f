package io.lastmile.ticket;

import io.lastmile.ticket.TicketCommand.AcceptReturn;
import io.lastmile.ticket.TicketCommand.AnswerAtIntake;
import io.lastmile.ticket.TicketCommand.ApproveExtension;
import io.lastmile.ticket.TicketCommand.Dispatch;
import io.lastmile.ticket.TicketCommand.EscalateOverdue;
import io.lastmile.ticket.TicketCommand.FollowPrimary;
import io.lastmile.ticket.TicketCommand.Merge;
import io.lastmile.ticket.TicketCommand.Reassign;
import io.lastmile.ticket.TicketCommand.Register;
import io.lastmile.ticket.TicketCommand.ReportAssistance;
import io.lastmile.ticket.TicketCommand.RequestDocuments;
import io.lastmile.ticket.TicketCommand.RequestExtension;
import io.lastmile.ticket.TicketCommand.Resolve;
import io.lastmile.ticket.TicketCommand.Revisit;
import io.lastmile.ticket.TicketCommand.StartJointHandling;
import io.lastmile.ticket.event.TicketChange;
import io.lastmile.ticket.TicketCommand.Supervise;
import io.lastmile.platform.SealedText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A citizen's matter, whatever channel it came through, with its one ticket number (受理单号): the
 * aggregate that decides every step. {@link #handle} checks who acts ({@link ActingRules}), whether
 * the state allows the step ({@link Step}) and what else it needs, then changes the owner, the
 * assignee, joint handling, the clocks and the state, and answers what happened ({@link StepTaken}).
 *
 * <p>Plain Java with its table mapping: the rules use no framework type, so a unit test drives the
 * ticket through every step with fake {@link Owners} and {@link Deadlines}. Its fields are package
 * private: no other capability can set one.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

    @Id
    UUID id;

    @Column(name = "ticket_number", nullable = false, unique = true)
    String ticketNumber;

    /** Stored as the channel code ({@code 12345}, {@code urban}, …), see {@link ChannelConverter}. */
    @Column(nullable = false)
    @jakarta.persistence.Convert(converter = ChannelConverter.class)
    Channel channel;

    /** The source system's own id for the item: with the channel, the key that makes intake exactly-once. */
    @Column(name = "source_id", nullable = false)
    String sourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    TicketKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Urgency urgency;

    @Column(nullable = false, columnDefinition = "text")
    String text;

    String address;

    @Column(name = "contact_name")
    @Convert(converter = SealedText.class)
    String contactName;

    /** Normalized digits. Personal data: see {@link Contact}. */
    @Column(name = "contact_phone")
    @Convert(converter = SealedText.class)
    String contactPhone;

    @Column(nullable = false)
    boolean anonymous;

    /** WGS-84. */
    Double longitude;

    /** WGS-84. */
    Double latitude;

    @Enumerated(EnumType.STRING)
    @Column(name = "location_precision", nullable = false)
    LocationPrecision locationPrecision;

    @Column(name = "source_coord_system")
    String sourceCoordSystem;

    @Column(name = "source_longitude")
    Double sourceLongitude;

    @Column(name = "source_latitude")
    Double sourceLatitude;

    @Column(name = "township_code")
    String townshipCode;

    @Column(name = "township_name")
    String townshipName;

    @Column(name = "village_code")
    String villageCode;

    @Column(name = "village_name")
    String villageName;

    @Column(name = "unit_code")
    String unitCode;

    @Column(name = "unit_name")
    String unitName;

    @Column(name = "catalog_code")
    String catalogCode;

    @Column(name = "catalog_name")
    String catalogName;

    /** The holder on duty of the owning unit's post (AB岗), or null. */
    String assignee;

    @Column(name = "routed_by")
    String routedBy;

    /** 首问负责制: who answers for the ticket now, the first contact until a recorded hand-over. */
    @Column(nullable = false)
    String responsible;

    /** 即办件: answered and closed at intake. */
    @Column(nullable = false)
    boolean immediate;

    @Column(name = "result_text", columnDefinition = "text")
    String resultText;

    String satisfaction;

    @Column(nullable = false)
    boolean supervised;

    @Column(name = "redo_count", nullable = false)
    int redoCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "resume_status")
    TicketStatus resumeStatus;

    @Column(name = "merged_into")
    String mergedInto;

    @Column(name = "extension_days", nullable = false)
    int extensionDays;

    /** 联办: the assisting units as a JSON array (see {@link JointHandling}). */
    @Column(nullable = false, columnDefinition = "text")
    String assistants;

    @Column(name = "returned_by_unit")
    String returnedByUnit;

    /** The deadline of the current stage (sign-for, completion or citizen feedback): the queue sorts by it. */
    Instant deadline;

    @Column(name = "sign_for_deadline")
    Instant signForDeadline;

    @Column(name = "completion_deadline")
    Instant completionDeadline;

    @Column(name = "feedback_deadline")
    Instant feedbackDeadline;

    /** A deadline was computed across a year without calendar data (weekdays only). */
    @Column(name = "deadline_provisional", nullable = false)
    boolean deadlineProvisional;

    /** When the yellow card of the current stage falls due. */
    @Column(name = "yellow_at")
    Instant yellowAt;

    /** When the red card falls due: the current stage's deadline. */
    @Column(name = "red_at")
    Instant redAt;

    /** The card of the current stage. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Card card;

    /** Set while the clock waits (补办, an extension decision). */
    @Column(name = "paused_at")
    Instant pausedAt;

    /** When the red card, if still unresolved, moves the ticket one level up. */
    @Column(name = "escalate_at")
    Instant escalateAt;

    /** When the township's operator answered a kiosk press. */
    @Column(name = "picked_up_at")
    Instant pickedUpAt;

    /** Channel extras as a JSON object. */
    @Column(nullable = false, columnDefinition = "text")
    String extras;

    @Column(name = "source_time", nullable = false)
    Instant sourceTime;

    @Column(name = "received_at", nullable = false)
    Instant receivedAt;

    /** Who took it in: an operator's user name or a source system (首问负责制 starts here). */
    @Column(name = "received_by", nullable = false)
    String receivedBy;

    /** Increases with every state change; events carry it so that consumers never apply an older state. */
    @Column(nullable = false)
    int version;

    /** For the persistence layer and the model's own tests. */
    protected Ticket() {
    }

    /** A matter taken in, owned as routing decided, at version 1, its queue clock running. */
    static Ticket receive(UUID id, String ticketNumber, NewTicket command, Owner owner, String extrasJson, Instant now,
            Deadlines deadlines) {
        Ticket t = new Ticket();
        t.id = id;
        t.ticketNumber = ticketNumber;
        t.channel = command.channel();
        t.sourceId = command.sourceId();
        t.status = TicketStatus.RECEIVED;
        t.kind = command.kind();
        t.urgency = command.urgency();
        t.text = command.text();
        t.address = command.address();
        Location location = command.location() == null ? Location.UNKNOWN : command.location();
        t.longitude = location.longitude();
        t.latitude = location.latitude();
        t.locationPrecision = location.precision();
        t.sourceCoordSystem = location.sourceSystem();
        t.sourceLongitude = location.sourceLongitude();
        t.sourceLatitude = location.sourceLatitude();
        Contact contact = command.contact() == null ? Contact.NONE : command.contact();
        t.contactName = contact.name();
        t.contactPhone = contact.phone();
        t.anonymous = contact.anonymous();
        t.townshipCode = owner.townshipCode();
        t.townshipName = owner.townshipName();
        t.villageCode = owner.villageCode();
        t.villageName = owner.villageName();
        t.unitCode = owner.unitCode();
        t.unitName = owner.unitName();
        t.catalogCode = owner.catalogCode();
        t.catalogName = owner.catalogName();
        t.assignee = owner.assignee();
        t.routedBy = owner.routedBy();
        t.responsible = owner.responsible();
        t.assistants = "[]";
        t.card = Card.NONE;
        t.extras = extrasJson;
        t.sourceTime = command.sourceTime();
        t.receivedAt = now;
        t.receivedBy = command.actor();
        t.version = 1;
        t.startQueueClock(deadlines, now);
        return t;
    }

    public String ticketNumber() {
        return ticketNumber;
    }

    public TicketStatus status() {
        return status;
    }

    public int version() {
        return version;
    }

    /** What decides who may read the ticket: its owner, its place and its assisting units. */
    public TicketScope.Reach reach() {
        return new TicketScope.Reach(unitCode, townshipCode, villageCode,
                JointHandling.read(assistants).stream().map(JointHandling.Assistant::unitCode).toList());
    }

    boolean isAssistedBy(String unit) {
        return unit != null && JointHandling.read(assistants).stream().anyMatch(a -> a.unitCode().equals(unit));
    }

    /** Exactly the steps this actor may take now: what the state allows, what they may do, and what the ticket needs. */
    public Set<Step> allowedSteps(Actor actor, Owners owners, Instant now) {
        Set<Step> allowed = EnumSet.noneOf(Step.class);
        if (!actor.scope().covers(reach())) {
            return allowed;
        }
        for (Step step : Step.values()) {
            if (step.allowedFrom(status) && ActingRules.refusal(step, this, actor).isEmpty()
                    && precondition(step, owners, now).isEmpty()) {
                allowed.add(step);
            }
        }
        return allowed;
    }

    /**
     * Takes one step: refuses it ({@link ActingRefused}) when the actor may not take it on this
     * ticket, ({@link StepRefused}) when the ticket cannot take it now, ({@link InvalidCommand})
     * when the command names something impossible; otherwise changes the ticket and answers what
     * happened, for the timeline and the event.
     */
    public StepTaken handle(TicketCommand command, Actor actor, StepContext context) {
        Step step = command.step();
        ActingRules.refusal(step, this, actor).ifPresent(reason -> {
            throw new ActingRefused(reason);
        });
        // The service dispatches and escalates only through its own commands, and nobody else sends those.
        boolean systemsOwnStep = actor.kind() == Actor.Kind.SYSTEM && (step == Step.DISPATCH || step == Step.ESCALATE);
        if (command.bySystemOnly() != systemsOwnStep) {
            throw new ActingRefused("自动派遣与自动升级只由系统进行 (only the service dispatches at receipt and escalates by the"
                    + " clock, and it takes those steps only so)");
        }
        TicketStatus from = status;
        if (!step.allowedFrom(from)) {
            throw refused("工单处于" + from.label() + "状态，不能" + step.label() + " (a ticket in " + from
                    + " cannot take the step " + step + ")", actor, context);
        }
        Optional<String> missing = precondition(step, context.owners(), context.now());
        if (missing.isPresent()) {
            throw refused(missing.get(), actor, context);
        }
        if (command instanceof EscalateOverdue && (escalateAt == null || escalateAt.isAfter(context.now()))) {
            throw refused("红牌尚未到自动升级时间 (the red card's escalation is not due)", actor, context);
        }
        if (command instanceof TicketCommand.DispatchOnReceipt && version != 1) {
            throw refused("受理后已有处理，不再自动派遣 (something happened since receipt: a person decides)", actor, context);
        }
        TicketStatus resumeTo = resumeStatus;
        TicketChange change = change(command, actor, context);
        if (command instanceof Supervise s && s.until() != null && (!s.until().isAfter(context.now())
                || s.until().isAfter(context.now().plus(java.time.Duration.ofDays(366))))) {
            throw new InvalidCommand("until", "督办截止时间须在今后一年内 (until must be in the future, within a year)");
        }
        moveClock(step, context, command instanceof ApproveExtension a ? Integer.valueOf(a.days())
                : command instanceof Supervise s ? s.days() : null, command instanceof Supervise s ? s.until() : null);
        TicketStatus to = step.target(from, resumeTo);
        // A pause and a merge remember the state to go back to; leaving them forgets it.
        if (to == TicketStatus.EXTENSION_REQUESTED || to == TicketStatus.WAITING_FOR_DOCUMENTS || to == TicketStatus.MERGED) {
            resumeStatus = from;
        } else if (from == TicketStatus.EXTENSION_REQUESTED || from == TicketStatus.WAITING_FOR_DOCUMENTS
                || from == TicketStatus.MERGED) {
            resumeStatus = null;
        }
        status = to;
        version++;
        return new StepTaken(step, from, to, actor.name(), command.reason(), change, context.now());
    }

    private StepRefused refused(String message, Actor actor, StepContext context) {
        return new StepRefused(message, status, allowedSteps(actor, context.owners(), context.now()));
    }

    /** What the ticket itself needs for a step beyond its state, whoever takes it; empty when it has it. */
    private Optional<String> precondition(Step step, Owners owners, Instant now) {
        return Optional.ofNullable(switch (step) {
            case ANSWER_AT_INTAKE -> kind == TicketKind.CONSULTATION || kind == TicketKind.KIOSK_GREEN ? null
                    : "只有咨询件可以即办 (only a consultation can be answered at intake; this is " + kind.label() + ")";
            case REJECT_RETURN -> returnedByUnit != null ? null : "不知道退回单位 (the returning unit is unknown)";
            case REPORT_ASSISTANCE -> JointHandling.read(assistants).isEmpty() ? "本工单没有协办单位 (the ticket has no assisting units)" : null;
            case RESOLVE -> {
                List<JointHandling.Assistant> pending = JointHandling.pending(assistants);
                yield pending.isEmpty() ? null : "协办单位尚未反馈：" + pending.stream().map(JointHandling.Assistant::unitName).toList()
                        + " (assisting units have not reported: " + pending.stream().map(JointHandling.Assistant::unitCode).toList() + ")";
            }
            case REDO -> Revisit.UNSATISFIED.contains(satisfaction) ? null
                    : "群众满意，无需重办 (only a ticket the citizen was not satisfied with is redone)";
            case ESCALATE -> owners.levelAbove(unitCode, catalogCode).isPresent() ? null
                    : "已在县级，无法再升级 (already at the county: there is no level above)";
            case PICK_UP -> !isKioskPress() ? "只有便民服务点呼叫需要接听 (only a kiosk press is picked up)"
                    : pickedUpAt != null ? "已接听 (already picked up)" : null;
            case KIOSK_UNANSWERED -> !isKioskPress() || pickedUpAt != null || owners.center().code().equals(unitCode)
                    ? "呼叫已接听或已在县指挥中心 (the press was picked up or is at the county center already)" : null;
            case RAISE_YELLOW_CARD -> card == Card.NONE && pausedAt == null && yellowAt != null && !yellowAt.isAfter(now)
                    && redAt != null && redAt.isAfter(now) ? null : "黄牌未到或已亮 (no yellow card is due)";
            case RAISE_RED_CARD -> card != Card.RED && pausedAt == null && redAt != null && !redAt.isAfter(now) ? null
                    : "红牌未到或已亮 (no red card is due)";
            default -> null;
        });
    }

    private boolean isKioskPress() {
        return kind == TicketKind.KIOSK_RED || kind == TicketKind.KIOSK_GREEN;
    }

    /** What the step changes besides the state and the clocks, answered as the event's own fields. */
    private TicketChange change(TicketCommand command, Actor actor, StepContext context) {
        Owners owners = context.owners();
        String behalf = ActingRules.onBehalfOf(command.step(), this, actor,
                command instanceof ReportAssistance r ? r.unitCode() : null);
        return switch (command.step()) {
            case ANSWER_AT_INTAKE -> {
                immediate = true;
                resultText = ((AnswerAtIntake) command).result();
                yield new TicketChange.TicketAnsweredAtIntake(resultText);
            }
            case REGISTER -> {
                Register r = (Register) command;
                if (r.catalogCode() != null) {
                    Owners.Matter matter = owners.matter(r.catalogCode()).orElseThrow(() -> new InvalidCommand("catalogCode",
                            "没有这个事项 (no catalog item " + r.catalogCode() + ")"));
                    catalogCode = matter.code();
                    catalogName = matter.name();
                }
                yield new TicketChange.TicketRegistered(catalogCode);
            }
            case DISPATCH -> {
                String named = command instanceof Dispatch d ? d.unitCode() : null;
                assign(named != null ? unit(owners, named, "unitCode") : owners.owningUnit(catalogCode, townshipCode, villageCode));
                yield new TicketChange.TicketDispatched(unitCode, unitName, assignee, named != null ? "dispatcher"
                        : command instanceof TicketCommand.DispatchOnReceipt ? "system" : "routing-rules");
            }
            case SIGN_FOR -> {
                responsible = unitCode;
                yield new TicketChange.TicketSignedFor(behalf);
            }
            case START -> new TicketChange.TicketStarted(behalf);
            case RETURN -> {
                returnedByUnit = unitCode;
                Owners.Unit center = owners.center();
                assign(center);
                responsible = center.code();
                yield new TicketChange.TicketReturned(returnedByUnit, unitCode, unitName, assignee, behalf);
            }
            case ACCEPT_RETURN -> {
                String from = moveTo(unit(owners, ((AcceptReturn) command).unitCode(), "unitCode"), owners);
                yield new TicketChange.TicketReturnAccepted(from, unitCode, unitName, assignee);
            }
            case REASSIGN -> {
                String from = moveTo(unit(owners, ((Reassign) command).unitCode(), "unitCode"), owners);
                yield new TicketChange.TicketReassigned(from, unitCode, unitName, assignee);
            }
            case REJECT_RETURN -> {
                assign(unit(owners, returnedByUnit, "reason"));
                yield new TicketChange.TicketReturnRejected(unitCode, unitName, assignee, true);
            }
            case START_JOINT_HANDLING -> {
                StartJointHandling j = (StartJointHandling) command;
                List<JointHandling.Assistant> list = new ArrayList<>();
                for (String code : j.units()) {
                    Owners.Unit assisting = unit(owners, code, "units");
                    if (assisting.code().equals(unitCode)) {
                        throw new InvalidCommand("units", "主办单位不能同时协办 (the lead unit cannot also assist)");
                    }
                    list.add(new JointHandling.Assistant(assisting.code(), false, assisting.name(), null));
                }
                assistants = JointHandling.write(list);
                yield new TicketChange.TicketJointHandlingStarted(unitCode, j.units());
            }
            case REPORT_ASSISTANCE -> {
                ReportAssistance r = (ReportAssistance) command;
                yield new TicketChange.TicketAssistanceReported(report(r, actor), r.result(), behalf);
            }
            case REQUEST_EXTENSION -> new TicketChange.TicketExtensionRequested(((RequestExtension) command).days(), behalf);
            case APPROVE_EXTENSION -> {
                int days = ((ApproveExtension) command).days();
                extensionDays += days;
                yield new TicketChange.TicketExtensionApproved(days);
            }
            case DENY_EXTENSION -> new TicketChange.TicketExtensionDenied();
            case REQUEST_DOCUMENTS -> new TicketChange.TicketDocumentsRequested(((RequestDocuments) command).documents(), behalf);
            case RESUME_WITH_DOCUMENTS -> new TicketChange.TicketDocumentsReceived(behalf);
            case RESOLVE -> {
                resultText = ((Resolve) command).result();
                yield new TicketChange.TicketResolved(resultText, behalf);
            }
            case VERIFY -> new TicketChange.TicketVerified();
            case CLOSE -> new TicketChange.TicketClosed();
            case REVISIT -> {
                satisfaction = ((Revisit) command).satisfaction();
                yield new TicketChange.TicketRevisited(satisfaction);
            }
            case REDO -> {
                redoCount++;
                String previous = satisfaction;
                satisfaction = null;
                assign(unit(owners, unitCode, "unitCode"));
                yield new TicketChange.TicketRedone(redoCount, previous, unitCode, unitName, assignee);
            }
            case SUPERVISE -> {
                supervised = true;
                yield new TicketChange.TicketSupervised(((Supervise) command).days());
            }
            case ESCALATE -> {
                String from = unitCode;
                assign(owners.levelAbove(unitCode, catalogCode).orElseThrow());
                yield new TicketChange.TicketEscalated(from, unitCode, unitName, assignee, command instanceof EscalateOverdue,
                        behalf);
            }
            case MERGE -> {
                Merge m = (Merge) command;
                if (m.intoTicketNumber().equals(ticketNumber)) {
                    throw new InvalidCommand("intoTicketNumber", "不能合并到自身 (a ticket cannot be merged into itself)");
                }
                mergedInto = m.intoTicketNumber();
                yield new TicketChange.TicketMerged(mergedInto);
            }
            case UNMERGE -> {
                String from = mergedInto;
                mergedInto = null;
                yield new TicketChange.TicketUnmerged(from);
            }
            case FOLLOW_PRIMARY -> {
                FollowPrimary f = (FollowPrimary) command;
                if (!f.primaryTicketNumber().equals(mergedInto)) {
                    throw new InvalidCommand("primaryTicketNumber", "本工单未合并到 " + f.primaryTicketNumber()
                            + " (ticket " + ticketNumber + " is not merged into " + f.primaryTicketNumber() + ")");
                }
                if (f.unitCode() != null && !f.unitCode().equals(unitCode)) {
                    assign(unit(owners, f.unitCode(), "unitCode"));
                }
                resultText = f.result(); // the primary's result, cleared again when the primary is redone
                yield new TicketChange.TicketFollowedPrimary(mergedInto, f.primaryStep().name(), f.primaryStatus().name(),
                        unitCode, unitName, assignee, f.result());
            }
            case PICK_UP -> {
                pickedUpAt = context.now();
                yield new TicketChange.KioskPressPickedUp(pickedUpAt, behalf);
            }
            case RAISE_YELLOW_CARD -> {
                card = Card.YELLOW;
                yield new TicketChange.YellowCardRaised();
            }
            case RAISE_RED_CARD -> {
                card = Card.RED;
                // 红牌: supervised until done, and escalated if it stays unresolved.
                supervised = true;
                yield new TicketChange.RedCardRaised();
            }
            case KIOSK_UNANSWERED -> {
                Owners.Unit center = owners.center();
                assign(center);
                responsible = center.code();
                yield new TicketChange.KioskPressUnanswered(unitCode, unitName, assignee);
            }
        };
    }

    /** An assisting unit's report: an official's own unit, or the one a dispatcher names; answers the unit. */
    private String report(ReportAssistance command, Actor actor) {
        String unit;
        if (actor.kind() == Actor.Kind.OFFICIAL) {
            if (command.unitCode() != null && !command.unitCode().equals(actor.unitCode())) {
                throw new ActingRefused("只能反馈本单位的协办结果 (you report for your own unit only, not "
                        + command.unitCode() + ")");
            }
            unit = actor.unitCode();
        } else {
            unit = InvalidCommand.required("unitCode", command.unitCode());
        }
        List<JointHandling.Assistant> list = new ArrayList<>(JointHandling.read(assistants));
        int index = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).unitCode().equals(unit)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new InvalidCommand("unitCode", unit + " 不是本工单的协办单位 (not an assisting unit of this ticket)");
        }
        JointHandling.Assistant assistant = list.get(index);
        list.set(index, new JointHandling.Assistant(assistant.unitCode(), true, assistant.unitName(), command.result()));
        assistants = JointHandling.write(list);
        return unit;
    }

    /** A hand-over to another unit (re-routing after a return, or a reassignment); answers the unit it comes from. */
    private String moveTo(Owners.Unit unit, Owners owners) {
        String from = returnedByUnit != null && unitCode.equals(owners.center().code()) ? returnedByUnit : unitCode;
        if (unit.code().equals(from)) {
            throw new InvalidCommand("unitCode", "工单刚从 " + unit.name() + " 转出 (choose another unit than the one it comes from)");
        }
        assign(unit);
        return from;
    }

    private void assign(Owners.Unit unit) {
        unitCode = unit.code();
        unitName = unit.name();
        assignee = unit.holderOnDuty();
    }

    private static Owners.Unit unit(Owners owners, String code, String field) {
        return owners.unit(code).orElseThrow(() -> new InvalidCommand(field, "没有这个单位 (no unit " + code + ")"));
    }

    /**
     * What each step does to the clocks: a receipt or a return starts the queue clock (待派遣), a
     * dispatch gives the unit its sign-for deadline, the sign-for starts the completion clock, 补办
     * and an extension request pause it (the paused working time is given back), an approved
     * extension adds its days, closing starts the citizen-feedback clock. A deadline is staged only
     * in a state that can take its card; each stage's yellow moment comes from {@link Deadlines}.
     * The red card falls due at the deadline, and a red card on a unit's stage left unresolved
     * moves the ticket one level up after a while.
     */
    private void moveClock(Step step, StepContext context, Integer days, Instant until) {
        Deadlines deadlines = context.deadlines();
        Instant now = context.now();
        switch (step) {
            case RAISE_RED_CARD -> escalateAt = UNIT_STAGES.contains(status) ? now.plus(deadlines.escalateAfterRed()) : null;
            case DISPATCH, ACCEPT_RETURN, REJECT_RETURN, REASSIGN, REDO, ESCALATE -> startSignForClock(deadlines, now);
            case RETURN -> startQueueClock(deadlines, now);
            case SIGN_FOR -> {
                if (completionDeadline == null) {
                    Deadlines.Deadline completion = deadlines.completion(clockFacts(), now);
                    completionDeadline = completion.at();
                    stage(now, completion);
                } else {
                    stage(now, new Deadlines.Deadline(completionDeadline,
                            deadlines.completionYellowAt(clockFacts(), now, completionDeadline), false));
                }
            }
            case REQUEST_DOCUMENTS, REQUEST_EXTENSION -> {
                pausedAt = now;
                escalateAt = null;
            }
            case RESUME_WITH_DOCUMENTS, DENY_EXTENSION, APPROVE_EXTENSION -> {
                resume(deadlines, now);
                if (step == Step.APPROVE_EXTENSION && completionDeadline != null && days != null) {
                    Deadlines.Deadline extended = deadlines.afterWorkingDays(completionDeadline, days);
                    completionDeadline = extended.at();
                    // A new deadline: its cards can fall due again, 80 % of the way from now.
                    stage(now, new Deadlines.Deadline(extended.at(), deadlines.yellowInWorkingTime(now, extended.at()),
                            extended.provisional()));
                }
            }
            case SUPERVISE -> {
                if (days != null || until != null) {
                    Deadlines.Deadline pressed = days != null ? deadlines.afterWorkingDays(now, days)
                            : new Deadlines.Deadline(until, deadlines.yellowInWorkingTime(now, until), false);
                    completionDeadline = pressed.at();
                    if (Step.RAISE_RED_CARD.allowedFrom(status)) {
                        stage(now, pressed);
                    } else if (pausedAt != null) {
                        // Paused (补办, an extension decision): the new deadline waits, and the pause's time is given back to it.
                        deadlineProvisional |= pressed.provisional();
                        redAt = pressed.at();
                        yellowAt = pressed.yellowAt();
                        deadline = pressed.at();
                    }
                }
            }
            case RESOLVE, REVISIT, MERGE, ANSWER_AT_INTAKE -> stopClock();
            case UNMERGE -> {
                // Back where it was: a queued ticket's queue clock or a dispatched unit's sign-for time starts again.
                if (resumeStatus == TicketStatus.DISPATCHED) {
                    startSignForClock(deadlines, now);
                } else if (resumeStatus == null || resumeStatus == TicketStatus.RECEIVED
                        || resumeStatus == TicketStatus.REGISTERED) {
                    startQueueClock(deadlines, now);
                }
            }
            case CLOSE -> stage(now, deadlines.feedback(now));
            default -> {
                // registering, starting, joint handling, yellow cards and kiosk pick-ups leave the clock as it is
            }
        }
    }

    /** The states in which a unit handles the ticket: a red card there may move it one level up. */
    static final java.util.Set<TicketStatus> UNIT_STAGES = java.util.EnumSet.of(TicketStatus.DISPATCHED,
            TicketStatus.SIGNED_FOR, TicketStatus.IN_PROGRESS);

    /** 待派遣: from receipt or a return until a dispatcher (or the system) dispatches it. */
    private void startQueueClock(Deadlines deadlines, Instant now) {
        pausedAt = null;
        stage(now, deadlines.queue(clockFacts(), now));
    }

    private void startSignForClock(Deadlines deadlines, Instant now) {
        deadlineProvisional = false;
        Deadlines.Deadline signFor = deadlines.signFor(clockFacts(), now);
        signForDeadline = signFor.at();
        completionDeadline = deadlines.completionStartsAtDispatch() ? deadlines.completion(clockFacts(), now).at() : null;
        pausedAt = null;
        stage(now, signFor);
    }

    /**
     * What the limits depend on, as the ticket is now: a matter registered later gives its limits
     * from the next stage on (the queue clock already running keeps its own).
     */
    private Deadlines.TicketFacts clockFacts() {
        return new Deadlines.TicketFacts(channel, kind, urgency, catalogCode, receivedAt, redoCount > 0);
    }

    /** A new stage: its deadline, when its cards fall due, and no card yet. */
    private void stage(Instant start, Deadlines.Deadline stageDeadline) {
        escalateAt = null;
        redAt = stageDeadline.at();
        yellowAt = stageDeadline.yellowAt();
        deadline = stageDeadline.at();
        deadlineProvisional |= stageDeadline.provisional();
        card = Card.NONE;
    }

    /** The paused working time is given back to the deadline and its yellow card. */
    private void resume(Deadlines deadlines, Instant now) {
        if (pausedAt == null) {
            return;
        }
        Instant paused = pausedAt;
        pausedAt = null;
        if (redAt == null) {
            return;
        }
        redAt = counted(deadlines.shiftedByPause(redAt, paused, now));
        yellowAt = yellowAt == null ? null : counted(deadlines.shiftedByPause(yellowAt, paused, now));
        if (completionDeadline != null) {
            completionDeadline = redAt;
        }
        deadline = redAt;
    }

    private void stopClock() {
        escalateAt = null;
        yellowAt = null;
        redAt = null;
        deadline = null;
        pausedAt = null;
    }

    /** The instant of a computed deadline; a provisional one (a year without calendar data) marks the ticket. */
    private Instant counted(Deadlines.Deadline computed) {
        deadlineProvisional |= computed.provisional();
        return computed.at();
    }
}
