package io.lastmile.routing;

/** The levels of the network (三级/四级网络): county → township → village → group. */
public enum JurisdictionLevel {
    /** 县 */
    COUNTY,
    /** 乡镇/街道 */
    TOWNSHIP,
    /** 村/社区 */
    VILLAGE,
    /** 组 */
    GROUP
}
