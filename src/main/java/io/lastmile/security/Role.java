package io.lastmile.security;

import io.lastmile.platform.Roles;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The roles of lastmile's users. The token carries the role's {@link #claim} in its
 * {@code groups} claim; resources name them through {@link Roles} in {@code @RolesAllowed}.
 */
public enum Role {
    /** 坐席: takes calls, creates and answers tickets, calls citizens back. */
    OPERATOR(Roles.OPERATOR, "坐席"),
    /** 指挥中心调度: registers, dispatches, decides returns and extensions, closes. */
    DISPATCHER(Roles.DISPATCHER, "指挥中心调度"),
    /** 单位办理人员: a township, village station or department official; sees only their jurisdiction. */
    OFFICIAL(Roles.OFFICIAL, "单位办理人员"),
    /** 督办: reads county-wide and presses units (督办). */
    SUPERVISOR(Roles.SUPERVISOR, "督办员"),
    /** 系统管理员: catalog, calendar, organization, users and source keys. */
    ADMIN(Roles.ADMIN, "系统管理员"),
    /** A source system delivering records with its API key. */
    SOURCE(Roles.SOURCE, "来源系统");

    private final String claim;
    private final String label;

    Role(String claim, String label) {
        this.claim = claim;
        this.label = label;
    }

    public String claim() {
        return claim;
    }

    public String label() {
        return label;
    }

    /** Whether the role reads the whole county rather than one jurisdiction. */
    public boolean countyWide() {
        return this != OFFICIAL && this != SOURCE;
    }

    public static Optional<Role> ofClaim(String claim) {
        String wanted = claim == null ? "" : claim.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.claim.equals(wanted)).findFirst();
    }
}
