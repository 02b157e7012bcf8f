package io.lastmile.ticket;

import java.util.Arrays;
import java.util.Optional;

/** What kind of matter a ticket is, in the words of the source that sent it. */
public enum TicketKind {
    CONSULTATION("咨询"),
    HELP("求助"),
    COMPLAINT("投诉"),
    REPORT("举报"),
    SUGGESTION("建议"),
    PRAISE("表扬"),
    /** 数字城管: a public facility (street light, manhole cover, …). */
    URBAN_COMPONENT("部件"),
    /** 数字城管: an event (illegal parking, garbage, …). */
    URBAN_EVENT("事件"),
    /** Kiosk RED button: urgent help, someone must answer at once. */
    KIOSK_RED("紧急求助"),
    /** Kiosk GREEN button: a consultation. */
    KIOSK_GREEN("咨询求助"),
    /** 综治网格: a case a grid member found (disputes, hazards, livelihood needs, vulnerable people). */
    GRID_CASE("网格事件");

    private final String label;

    TicketKind(String label) {
        this.label = label;
    }

    /** The Chinese term users read and type. */
    public String label() {
        return label;
    }

    /** The six kinds of the 12345 hotline (诉求类型), by their Chinese term. */
    public static Optional<TicketKind> ofHotlineLabel(String label) {
        return Arrays.stream(values()).limit(6).filter(k -> k.label.equals(label)).findFirst();
    }
}
