package io.lastmile.dispatch;

import io.lastmile.ticket.LocationPrecision;
import io.lastmile.ticket.TicketKind;
import io.lastmile.ticket.TicketStatus;
import io.lastmile.ticket.event.TicketSnapshot;

import java.util.Optional;

/**
 * When the service dispatches a ticket itself as it is received: only when its routing is
 * certain (a classified matter, a place known to the village or better, a holder on duty at the
 * owning post, an owner that is not the command center), and the channel and the matter allow it.
 * Answers why, for the timeline, or empty when a dispatcher decides. Pure, so the table of cases
 * is a plain test.
 */
final class AutoDispatch {

    /**
     * @param channelEnabled the channel's setting
     * @param matterSetting  the catalog item's own setting, or null to follow the channel
     * @param reports        whether 举报 are dispatched at receipt
     * @param centerCode     the county command center, which owns what nobody else does
     */
    static Optional<String> reason(TicketSnapshot t, boolean channelEnabled, Boolean matterSetting, boolean reports,
            String centerCode) {
        if (t.status() != TicketStatus.RECEIVED || t.catalogItem() == null) {
            return Optional.empty();
        }
        boolean allowed = matterSetting != null ? matterSetting : channelEnabled;
        if (!allowed || (t.kind() == TicketKind.REPORT && !reports)) {
            return Optional.empty();
        }
        LocationPrecision precision = t.location() == null ? LocationPrecision.NONE : t.location().precision();
        boolean placed = (precision == LocationPrecision.EXACT || precision == LocationPrecision.VILLAGE) && t.villageCode() != null;
        if (!placed || t.unit() == null || centerCode.equals(t.unit().code()) || t.assignee() == null) {
            return Optional.empty();
        }
        return Optional.of("路由确定，自动派遣：" + t.catalogItem().name() + "，" + t.village() + "，" + t.assignee()
                + " (routing is certain: matter " + t.catalogItem().code() + ", village " + t.villageCode()
                + ", holder on duty " + t.assignee() + ")");
    }

    private AutoDispatch() {
    }
}
