package io.lastmile.ticket;

/** The card of a ticket's current stage (the time-limit warning shown on every screen). */
public enum Card {
    /** Within its time. */
    NONE("正常"),
    /** 黄牌: the time limit is close. */
    YELLOW("黄牌"),
    /** 红牌: overdue; the ticket is supervised until done. */
    RED("红牌");

    private final String label;

    Card(String label) {
        this.label = label;
    }

    /** The Chinese term users read. */
    public String label() {
        return label;
    }
}
