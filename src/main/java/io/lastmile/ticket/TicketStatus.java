package io.lastmile.ticket;

/** Where a ticket stands in the common flow (GB/T 30428; 12345 platforms follow the same shape). */
public enum TicketStatus {
    /** 受理: taken in from a source or by an operator. */
    RECEIVED("受理"),
    /** 立案: registered and classified, ready to dispatch. */
    REGISTERED("立案"),
    /** 派遣: sent to a unit, not yet signed for. */
    DISPATCHED("派遣"),
    /** 签收: the unit has accepted it. */
    SIGNED_FOR("签收"),
    /** 处置: being handled. */
    IN_PROGRESS("处置"),
    /** 延期: the unit asked for more time; a dispatcher decides. */
    EXTENSION_REQUESTED("延期申请"),
    /** 补办: waiting for the citizen's documents. */
    WAITING_FOR_DOCUMENTS("补办"),
    /** 退回: the unit sent it back (not its jurisdiction); a dispatcher decides. */
    RETURNED("退回"),
    /** 办结: the unit reports it done. */
    RESOLVED("办结"),
    /** 核查: the result was checked. */
    VERIFIED("核查"),
    /** 结案: closed. */
    CLOSED("结案"),
    /** 回访: the citizen was asked how satisfied they are. */
    REVISITED("回访"),
    /** 合并: merged into an earlier ticket about the same matter. */
    MERGED("合并");

    private final String label;

    TicketStatus(String label) {
        this.label = label;
    }

    /** The Chinese term users read. */
    public String label() {
        return label;
    }
}
