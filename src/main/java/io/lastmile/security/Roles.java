package io.lastmile.security;

/** The role names as constants, for {@code @RolesAllowed} (annotations need compile-time strings). */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String DISPATCHER = "dispatcher";
    public static final String OFFICIAL = "official";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final String SOURCE = "source";

    private Roles() {
    }
}
