package io.lastmile.routing;

import java.util.List;

/** Units, the posts in them and who holds each post, and the kiosk devices of the villages. */
public record Organization(List<Unit> units, List<UserAccount> users, List<Post> posts, List<Kiosk> kiosks) {

    /** The kinds of unit that own tickets. */
    public enum UnitKind {
        /** 县综合指挥中心: the dispatchers; owns what no one else does. */
        COUNTY_CENTER,
        /** 县直部门 */
        DEPARTMENT,
        /** 乡镇便民服务中心 */
        TOWNSHIP_CENTER,
        /** 村便民服务站 */
        VILLAGE_STATION;

        /** Written in lower case with hyphens in the organization file (county-center, …). */
        @com.fasterxml.jackson.annotation.JsonCreator
        public static UnitKind of(String text) {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String written() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** @param jurisdiction the area the unit serves (its township or village; the county for county units) */
    public record Unit(String code, String name, UnitKind kind, String jurisdiction) {
    }

    /** An account that can hold posts; the security capability gives it credentials and roles. */
    public record UserAccount(String username, String displayName, String unit) {
    }

    /**
     * A post (岗位) with its A holder and its B holder (AB岗), so a ticket never waits for one absent person.
     */
    public record Post(String id, String unit, String name, String holderA, String holderB, boolean aOnDuty,
            boolean bOnDuty) {

        /** A if on duty, else B if on duty, else nobody: the unit's queue then waits for a dispatcher. */
        public String holderOnDuty() {
            if (aOnDuty && holderA != null) {
                return holderA;
            }
            if (bOnDuty && holderB != null) {
                return holderB;
            }
            return null;
        }
    }

    /** A village service point kiosk and the village it stands in. */
    public record Kiosk(String deviceId, String village) {
    }

    public java.util.Optional<Unit> unit(String code) {
        return units.stream().filter(u -> u.code().equals(code)).findFirst();
    }

    /** Who takes a ticket for this unit now: the first of its posts with a holder on duty (A, else B). */
    public String holderOnDuty(String unitCode) {
        return posts.stream().filter(p -> p.unit().equals(unitCode)).map(Post::holderOnDuty)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    public Organization {
        units = List.copyOf(units);
        users = List.copyOf(users);
        posts = List.copyOf(posts);
        kiosks = List.copyOf(kiosks);
    }
}
