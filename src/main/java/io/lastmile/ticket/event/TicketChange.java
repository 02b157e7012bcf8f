package io.lastmile.ticket.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;

/**
 * What one event changed, one past-tense type per kind of event, each with its own fields: the
 * published language of {@code ticket-events} (docs/events.md, one JSON Schema per type in
 * docs/events/). The {@code type} property names it, the same name as the envelope's
 * {@link TicketEvent#type()}. Absent optional fields are left out.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TicketChange.TicketReceived.class, name = "TicketReceived"),
        @JsonSubTypes.Type(value = TicketChange.TicketAnsweredAtIntake.class, name = "TicketAnsweredAtIntake"),
        @JsonSubTypes.Type(value = TicketChange.TicketRegistered.class, name = "TicketRegistered"),
        @JsonSubTypes.Type(value = TicketChange.TicketDispatched.class, name = "TicketDispatched"),
        @JsonSubTypes.Type(value = TicketChange.TicketSignedFor.class, name = "TicketSignedFor"),
        @JsonSubTypes.Type(value = TicketChange.TicketStarted.class, name = "TicketStarted"),
        @JsonSubTypes.Type(value = TicketChange.TicketReturned.class, name = "TicketReturned"),
        @JsonSubTypes.Type(value = TicketChange.TicketReturnAccepted.class, name = "TicketReturnAccepted"),
        @JsonSubTypes.Type(value = TicketChange.TicketReturnRejected.class, name = "TicketReturnRejected"),
        @JsonSubTypes.Type(value = TicketChange.TicketReassigned.class, name = "TicketReassigned"),
        @JsonSubTypes.Type(value = TicketChange.TicketJointHandlingStarted.class, name = "TicketJointHandlingStarted"),
        @JsonSubTypes.Type(value = TicketChange.TicketAssistanceReported.class, name = "TicketAssistanceReported"),
        @JsonSubTypes.Type(value = TicketChange.TicketExtensionRequested.class, name = "TicketExtensionRequested"),
        @JsonSubTypes.Type(value = TicketChange.TicketExtensionApproved.class, name = "TicketExtensionApproved"),
        @JsonSubTypes.Type(value = TicketChange.TicketExtensionDenied.class, name = "TicketExtensionDenied"),
        @JsonSubTypes.Type(value = TicketChange.TicketDocumentsRequested.class, name = "TicketDocumentsRequested"),
        @JsonSubTypes.Type(value = TicketChange.TicketDocumentsReceived.class, name = "TicketDocumentsReceived"),
        @JsonSubTypes.Type(value = TicketChange.TicketResolved.class, name = "TicketResolved"),
        @JsonSubTypes.Type(value = TicketChange.TicketVerified.class, name = "TicketVerified"),
        @JsonSubTypes.Type(value = TicketChange.TicketClosed.class, name = "TicketClosed"),
        @JsonSubTypes.Type(value = TicketChange.TicketRevisited.class, name = "TicketRevisited"),
        @JsonSubTypes.Type(value = TicketChange.TicketRedone.class, name = "TicketRedone"),
        @JsonSubTypes.Type(value = TicketChange.TicketSupervised.class, name = "TicketSupervised"),
        @JsonSubTypes.Type(value = TicketChange.TicketEscalated.class, name = "TicketEscalated"),
        @JsonSubTypes.Type(value = TicketChange.TicketMerged.class, name = "TicketMerged"),
        @JsonSubTypes.Type(value = TicketChange.TicketUnmerged.class, name = "TicketUnmerged"),
        @JsonSubTypes.Type(value = TicketChange.TicketFollowedPrimary.class, name = "TicketFollowedPrimary"),
        @JsonSubTypes.Type(value = TicketChange.YellowCardRaised.class, name = "YellowCardRaised"),
        @JsonSubTypes.Type(value = TicketChange.RedCardRaised.class, name = "RedCardRaised"),
        @JsonSubTypes.Type(value = TicketChange.KioskPressPickedUp.class, name = "KioskPressPickedUp"),
        @JsonSubTypes.Type(value = TicketChange.KioskPressUnanswered.class, name = "KioskPressUnanswered")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface TicketChange {

    /** The event type: the record's name, past tense. */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * 受理: taken in from a source system or by an operator.
     *
     * @param channel the channel code: 12345, 12315, 12369, urban, kiosk, grid
     * @param sourceId the source's own id
     * @param receivedBy the operator or source system that took it in
     */
    record TicketReceived(String channel, String sourceId, String receivedBy) implements TicketChange {
    }

    /**
     * 即办件: answered on the phone and closed at once.
     *
     * @param answer what the operator told the caller
     */
    record TicketAnsweredAtIntake(String answer) implements TicketChange {
    }

    /**
     * 立案: registered, with the matter it was classified to.
     *
     * @param catalogCode the catalog item, or null while unclassified
     */
    record TicketRegistered(String catalogCode) implements TicketChange {
    }

    /**
     * 派遣: sent to a unit.
     *
     * @param unitCode the unit now owning it
     * @param unitName its name
     * @param assignee the holder on duty of its post, or null
     * @param by dispatcher (a unit named), routing-rules (a dispatcher asked for them) or system (dispatched at receipt)
     */
    record TicketDispatched(String unitCode, String unitName, String assignee, String by) implements TicketChange {
    }

    /**
     * 签收: the unit accepted it and answers for it from now on.
     *
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketSignedFor(String onBehalfOf) implements TicketChange {
    }

    /**
     * 处置 began.
     *
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketStarted(String onBehalfOf) implements TicketChange {
    }

    /**
     * 退回: the unit sent it back to the command center.
     *
     * @param returnedBy the unit that returned it
     * @param unitCode the command center, now owning it
     * @param unitName its name
     * @param assignee the holder on duty, or null
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketReturned(String returnedBy, String unitCode, String unitName, String assignee, String onBehalfOf) implements TicketChange {
    }

    /**
     * A dispatcher accepted a return and routed the ticket to another unit.
     *
     * @param fromUnit the unit it came from
     * @param unitCode the unit now owning it
     * @param unitName its name
     * @param assignee the holder on duty, or null
     */
    record TicketReturnAccepted(String fromUnit, String unitCode, String unitName, String assignee) implements TicketChange {
    }

    /**
     * A dispatcher rejected a return: the returning unit must handle it.
     *
     * @param unitCode the unit now owning it
     * @param unitName its name
     * @param assignee the holder on duty, or null
     * @param forced always true: the assignment was forced
     */
    record TicketReturnRejected(String unitCode, String unitName, String assignee, boolean forced) implements TicketChange {
    }

    /**
     * Another unit took over.
     *
     * @param fromUnit the unit it came from
     * @param unitCode the unit now owning it
     * @param unitName its name
     * @param assignee the holder on duty, or null
     */
    record TicketReassigned(String fromUnit, String unitCode, String unitName, String assignee) implements TicketChange {
    }

    /**
     * 联办: the owning unit leads, the listed units assist.
     *
     * @param leadUnit the lead (owning) unit
     * @param assistingUnits the assisting units
     */
    record TicketJointHandlingStarted(String leadUnit, List<String> assistingUnits) implements TicketChange {
    }

    /**
     * An assisting unit reported its part.
     *
     * @param unitCode the assisting unit
     * @param report what it did
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketAssistanceReported(String unitCode, String report, String onBehalfOf) implements TicketChange {
    }

    /**
     * 延期 requested; the clock waits for the decision.
     *
     * @param days the days asked for
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketExtensionRequested(int days, String onBehalfOf) implements TicketChange {
    }

    /**
     * 延期 approved: the completion deadline moved.
     *
     * @param days the days granted
     */
    record TicketExtensionApproved(int days) implements TicketChange {
    }

    /** 延期 denied: handling goes on with the deadline it had. */
    record TicketExtensionDenied() implements TicketChange {
    }

    /**
     * 补办: the citizen must bring documents; the clock waits.
     *
     * @param documents everything the citizen must bring, listed at once
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketDocumentsRequested(List<String> documents, String onBehalfOf) implements TicketChange {
    }

    /**
     * The documents arrived: handling resumed.
     *
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketDocumentsReceived(String onBehalfOf) implements TicketChange {
    }

    /**
     * 办结: the unit reports it done.
     *
     * @param result the result
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketResolved(String result, String onBehalfOf) implements TicketChange {
    }

    /** 核查: the result was checked. */
    record TicketVerified() implements TicketChange {
    }

    /** 结案: closed; the citizen-feedback clock started. */
    record TicketClosed() implements TicketChange {
    }

    /**
     * 回访: the citizen said how satisfied they are.
     *
     * @param satisfaction 非常满意, 满意, 基本满意, 不满意 or 非常不满意
     */
    record TicketRevisited(String satisfaction) implements TicketChange {
    }

    /**
     * 重办: the citizen was not satisfied; the unit handles it again.
     *
     * @param redoCount how many times it was redone
     * @param previousSatisfaction the satisfaction that led to it
     * @param unitCode the unit handling it again
     * @param unitName its name
     * @param assignee the holder on duty, or null
     */
    record TicketRedone(int redoCount, String previousSatisfaction, String unitCode, String unitName, String assignee) implements TicketChange {
    }

    /**
     * 督办: a supervisor or dispatcher pressed the unit.
     *
     * @param days the new completion deadline in working days, or null
     */
    record TicketSupervised(Integer days) implements TicketChange {
    }

    /**
     * 升级: moved one level up.
     *
     * @param fromUnit the unit it came from
     * @param unitCode the unit now owning it
     * @param unitName its name
     * @param assignee the holder on duty, or null
     * @param automatic true when a red card left unresolved moved it
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record TicketEscalated(String fromUnit, String unitCode, String unitName, String assignee, boolean automatic, String onBehalfOf) implements TicketChange {
    }

    /**
     * 合并: merged into an earlier ticket about the same problem.
     *
     * @param intoTicketNumber the primary ticket
     */
    record TicketMerged(String intoTicketNumber) implements TicketChange {
    }

    /**
     * A merge undone: back to the state before it.
     *
     * @param fromTicketNumber the primary it was merged into
     */
    record TicketUnmerged(String fromTicketNumber) implements TicketChange {
    }

    /**
     * A caller's ticket merged into a primary followed a step of the primary: it is handled by the
     * primary's unit now and carries the primary's result.
     *
     * @param primaryTicketNumber the primary it is merged into
     * @param primaryStep         the primary's step it follows (DISPATCH, RESOLVE, CLOSE …)
     * @param primaryStatus       where the primary stands after that step
     * @param result              the primary's result, once resolved; null before
     */
    record TicketFollowedPrimary(String primaryTicketNumber, String primaryStep, String primaryStatus, String unitCode,
            String unitName, String assignee, String result) implements TicketChange {
    }

    /** 黄牌: the current stage's time limit is close. */
    record YellowCardRaised() implements TicketChange {
    }

    /** 红牌: overdue; the ticket is supervised until done. */
    record RedCardRaised() implements TicketChange {
    }

    /**
     * The township's operator answered a kiosk press.
     *
     * @param pickedUpAt when
     * @param onBehalfOf the unit a dispatcher acted for, or null
     */
    record KioskPressPickedUp(Instant pickedUpAt, String onBehalfOf) implements TicketChange {
    }

    /**
     * Nobody answered a kiosk press in time: the county command center stepped in.
     *
     * @param unitCode the command center, now owning it
     * @param unitName its name
     * @param assignee the holder on duty, or null
     */
    record KioskPressUnanswered(String unitCode, String unitName, String assignee) implements TicketChange {
    }

    /** Every type, in the order of the workflow: the schema test and docs/events.md list the same. */
    List<Class<? extends TicketChange>> TYPES = List.of(TicketReceived.class, TicketAnsweredAtIntake.class, TicketRegistered.class, TicketDispatched.class, TicketSignedFor.class, TicketStarted.class, TicketReturned.class, TicketReturnAccepted.class, TicketReturnRejected.class, TicketReassigned.class, TicketJointHandlingStarted.class, TicketAssistanceReported.class, TicketExtensionRequested.class, TicketExtensionApproved.class, TicketExtensionDenied.class, TicketDocumentsRequested.class, TicketDocumentsReceived.class, TicketResolved.class, TicketVerified.class, TicketClosed.class, TicketRevisited.class, TicketRedone.class, TicketSupervised.class, TicketEscalated.class, TicketMerged.class, TicketUnmerged.class, TicketFollowedPrimary.class, YellowCardRaised.class, RedCardRaised.class, KioskPressPickedUp.class, KioskPressUnanswered.class);
}
