package io.lastmile.ticket;

/** 紧急程度: how soon someone must act. The queue sorts CRITICAL before URGENT before NORMAL. */
public enum Urgency {
    /** 一般 */
    NORMAL,
    /** 紧急 */
    URGENT,
    /** 特急 */
    CRITICAL
}
