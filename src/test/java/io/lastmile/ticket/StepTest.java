package io.lastmile.ticket;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state machine itself: which step may follow which state, and where it leads. */
class StepTest {

    @Test
    void mainPathLeadsFromReceivedToRevisited() {
        TicketStatus status = TicketStatus.RECEIVED;
        for (Step step : new Step[] {Step.REGISTER, Step.DISPATCH, Step.SIGN_FOR, Step.START, Step.RESOLVE, Step.VERIFY,
                Step.CLOSE, Step.REVISIT}) {
            assertTrue(step.allowedFrom(status), step + " from " + status);
            status = step.target(status, null);
        }
        assertEquals(TicketStatus.REVISITED, status);
    }

    @Test
    void pausesReturnToTheStateTheyInterrupted() {
        assertEquals(TicketStatus.WAITING_FOR_DOCUMENTS, Step.REQUEST_DOCUMENTS.target(TicketStatus.SIGNED_FOR, null));
        assertEquals(TicketStatus.SIGNED_FOR, Step.RESUME_WITH_DOCUMENTS.target(TicketStatus.WAITING_FOR_DOCUMENTS,
                TicketStatus.SIGNED_FOR));
        assertEquals(TicketStatus.IN_PROGRESS, Step.APPROVE_EXTENSION.target(TicketStatus.EXTENSION_REQUESTED,
                TicketStatus.IN_PROGRESS));
        assertEquals(TicketStatus.IN_PROGRESS, Step.DENY_EXTENSION.target(TicketStatus.EXTENSION_REQUESTED, null),
                "without a remembered state, handling goes on");
    }

    @Test
    void anUnmergeGoesBackToTheStateBeforeTheMerge() {
        assertEquals(TicketStatus.DISPATCHED, Step.UNMERGE.target(TicketStatus.MERGED, TicketStatus.DISPATCHED));
        assertEquals(TicketStatus.RECEIVED, Step.UNMERGE.target(TicketStatus.MERGED, null));
    }

    @Test
    void supervisionAndJointReportsKeepTheState() {
        assertEquals(TicketStatus.IN_PROGRESS, Step.SUPERVISE.target(TicketStatus.IN_PROGRESS, null));
        assertEquals(TicketStatus.SIGNED_FOR, Step.REPORT_ASSISTANCE.target(TicketStatus.SIGNED_FOR, null));
    }

    @Test
    void aMergedTicketIsOnlyUnmergedOrFollowsItsPrimaryAndOnlyARevisitCanBeRedone() {
        assertEquals(EnumSet.of(Step.UNMERGE, Step.FOLLOW_PRIMARY), Step.allowedFromState(TicketStatus.MERGED));
        assertEquals(EnumSet.of(Step.REDO), Step.allowedFromState(TicketStatus.REVISITED));
        assertFalse(Step.CLOSE.allowedFrom(TicketStatus.RESOLVED), "核查 comes before 结案");
        assertFalse(Step.RESOLVE.allowedFrom(TicketStatus.SIGNED_FOR), "处置 comes before 办结");
    }

    @Test
    void aConsultationIsAnsweredAtIntakeOnlyBeforeAnythingElseHappened() {
        assertEquals(EnumSet.of(TicketStatus.RECEIVED), EnumSet.copyOf(java.util.Arrays.stream(TicketStatus.values())
                .filter(Step.ANSWER_AT_INTAKE::allowedFrom).toList()));
        assertEquals(TicketStatus.CLOSED, Step.ANSWER_AT_INTAKE.target(TicketStatus.RECEIVED, null));
    }
}
