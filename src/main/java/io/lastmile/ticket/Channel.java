package io.lastmile.ticket;

import java.util.Arrays;
import java.util.Optional;

/** The source systems whose matters become tickets (一号对外: one number outward). */
public enum Channel {
    /** 12345 government service hotline, and tickets typed in by its operators. */
    HOTLINE_12345("12345"),
    /** 12315 market-regulation consumer hotline. */
    CONSUMER_12315("12315"),
    /** 12369 environmental-protection hotline. */
    ENVIRONMENT_12369("12369"),
    /** 数字城管 digital urban management. */
    URBAN("urban"),
    /** Village service point kiosk (RED / GREEN button). */
    KIOSK("kiosk"),
    /** 综治网格 comprehensive-governance grid platform. */
    GRID("grid");

    private final String code;

    Channel(String code) {
        this.code = code;
    }

    /** The code used in topic names ({@code intake.<code>}), paths and the API. */
    public String code() {
        return code;
    }

    public static Optional<Channel> byCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
