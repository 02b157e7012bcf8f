package io.lastmile.platform;

/**
 * The role names as constants, for {@code @RolesAllowed} (annotations need compile-time strings).
 * Every capability's resources name them, so they sit here rather than in {@code security}, which
 * itself reads the organization from {@code routing}: no cycle between the two.
 */
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
