package io.lastmile.routing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Jurisdictions, catalog and organization as one consistent, immutable whole, checked against each
 * other (every post in a known unit, every kiosk in a known village, every catalog department a
 * known unit). An admin's change builds a new snapshot; only a valid one replaces the current.
 */
public final class RoutingSnapshot {

    static final List<String> WINDOW_CATEGORIES = List.of("计生服务", "国土建设", "民政民宗", "司法信访", "劳保医疗",
            "财政惠农扶贫", "农林水牧", "公安户籍", "综合服务", "城市管理", "市场监管", "生态环境");

    // A promised limit of 2.5 days is refused rather than cut to 2.
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);

    /** The fields of the clock objects: checked by name, since a misspelt stage would otherwise be dropped in silence. */
    private static final Set<String> STAGE_CLOCK_FIELDS = Set.of("limit", "counting", "from");
    private static final Set<String> STAGE_CLOCKS_FIELDS = Set.of("queue", "signFor", "completion", "basis");
    private static final Set<String> CHANNEL_CLOCK_FIELDS = Set.of("channel", "kind", "queue", "signFor", "completion",
            "basis");

    private final JsonNode jurisdictionsDocument;
    private final JsonNode catalogDocument;
    private final JsonNode organizationDocument;
    private final JurisdictionTree tree;
    private final Catalog catalog;
    private final Organization organization;
    private final Router router;

    public RoutingSnapshot(JsonNode jurisdictions, JsonNode catalog, JsonNode organization) {
        this.jurisdictionsDocument = jurisdictions;
        this.catalogDocument = catalog;
        this.organizationDocument = organization;
        this.tree = JurisdictionsGeoJson.read(jurisdictions);
        List<String> clockShape = clockShapeProblems(catalog);
        if (!clockShape.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", clockShape));
        }
        this.catalog = new Catalog(readList(catalog, "items", CatalogItem.class),
                catalog.has("channelClocks") ? readList(catalog, "channelClocks", ChannelClock.class) : List.of(),
                threshold(catalog), tree.all().stream().map(Jurisdiction::name).toList());
        this.organization = new Organization(readList(organization, "units", Organization.Unit.class),
                readList(organization, "users", Organization.UserAccount.class),
                readList(organization, "posts", Organization.Post.class),
                readList(organization, "kiosks", Organization.Kiosk.class));
        check();
        this.router = new Router(tree, this.catalog, this.organization);
    }

    public JurisdictionTree tree() {
        return tree;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Organization organization() {
        return organization;
    }

    public Router router() {
        return router;
    }

    public JsonNode jurisdictionsDocument() {
        return jurisdictionsDocument;
    }

    public JsonNode catalogDocument() {
        return catalogDocument;
    }

    public JsonNode organizationDocument() {
        return organizationDocument;
    }

    private static <T> List<T> readList(JsonNode document, String field, Class<T> type) {
        JsonNode list = document.path(field);
        if (!list.isArray()) {
            throw new IllegalArgumentException(field + ": a list is expected");
        }
        List<T> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                result.add(JSON.treeToValue(list.get(i), type));
            } catch (Exception e) {
                throw new IllegalArgumentException(field + "[" + i + "]: " + rootMessage(e));
            }
        }
        return result;
    }

    /** The classifier's threshold the catalog names, or the default; checked here so that a bad one is refused with the rest. */
    private static double threshold(JsonNode catalog) {
        JsonNode threshold = catalog.path("classifier").path("threshold");
        if (threshold.isMissingNode() || threshold.isNull()) {
            return Catalog.DEFAULT_THRESHOLD;
        }
        if (!threshold.isNumber() || threshold.asDouble() < 0 || threshold.asDouble() > 1) {
            throw new IllegalArgumentException("classifier.threshold: a number from 0 to 1 is expected");
        }
        return threshold.asDouble();
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        Set<String> units = organization.units().stream().map(Organization.Unit::code).collect(Collectors.toSet());
        Set<String> users = organization.users().stream().map(Organization.UserAccount::username).collect(Collectors.toSet());
        Set<String> seen = new HashSet<>();
        for (Organization.Unit unit : organization.units()) {
            if (!fits(unit.code(), 64) || !fits(unit.name(), 128)) {
                problems.add("units: every unit needs a code of at most 64 and a name of at most 128 characters ("
                        + unit.code() + ")");
                continue;
            }
            if (!seen.add(unit.code())) {
                problems.add("units: code " + unit.code() + " appears twice");
            }
            if (unit.kind() == null || unit.name() == null || tree.byCode(unit.jurisdiction()).isEmpty()) {
                problems.add("units." + unit.code() + ": needs a name, a kind and a known jurisdiction (" + unit.jurisdiction() + ")");
            }
        }
        for (Organization.UserAccount user : organization.users()) {
            if (!fits(user.username(), 128)) {
                problems.add("users: every account needs a username of at most 128 characters");
            }
            if (user.unit() != null && !units.contains(user.unit())) {
                problems.add("users." + user.username() + ": unknown unit " + user.unit());
            }
        }
        for (Organization.Post post : organization.posts()) {
            if (!fits(post.id(), 200)) {
                problems.add("posts: every post needs an id (unit/post)");
            }
            if (!units.contains(post.unit())) {
                problems.add("posts." + post.id() + ": unknown unit " + post.unit());
            }
            if (post.holderA() == null || !users.contains(post.holderA()) || post.holderB() == null || !users.contains(post.holderB())) {
                problems.add("posts." + post.id() + ": the A and the B holder must both be known users (AB岗)");
            }
        }
        for (Organization.Kiosk kiosk : organization.kiosks()) {
            if (!fits(kiosk.deviceId(), 64)) {
                problems.add("kiosks: every kiosk needs a deviceId of at most 64 characters");
            }
            if (tree.byCode(kiosk.village()).filter(j -> j.level() == JurisdictionLevel.VILLAGE).isEmpty()) {
                problems.add("kiosks." + kiosk.deviceId() + ": unknown village " + kiosk.village());
            }
        }
        for (CatalogItem item : catalog.items()) {
            String where = "items." + item.code();
            if (!fits(item.code(), 32) || !fits(item.name(), 128) || item.handlingLevel() == null) {
                problems.add(where + ": needs a code of at most 32 characters, a name of at most 128 and a handling level");
            }
            if (item.windowCategory() == null || !WINDOW_CATEGORIES.contains(item.windowCategory())) {
                problems.add(where + ": window category must be one of " + WINDOW_CATEGORIES);
            }
            if (!units.contains(item.owningDepartment())) {
                problems.add(where + ": owning department " + item.owningDepartment() + " is not a known unit");
            }
            if (item.promisedLimitDays() <= 0 || item.promisedLimitDays() > item.legalLimitDays()) {
                problems.add(where + ": the promised limit must be positive and at most the legal one");
            }
            if (item.clockPolicy() == null || !List.of("working-days", "working-hours", "calendar-hours").contains(item.clockPolicy())) {
                problems.add(where + ": clock policy must be working-days, working-hours or calendar-hours");
            }
            if (item.delegationMode() == null || !List.of("直接赋权", "委托下放", "服务前移").contains(item.delegationMode())) {
                problems.add(where + ": delegation mode must be 直接赋权, 委托下放 or 服务前移");
            }
            if (item.clocks() != null) {
                problems.addAll(item.clocks().problems(where + ".clocks"));
            }
            if (item.rules().words().entrySet().stream().anyMatch(w -> w.getKey().isBlank() || w.getValue() == null
                    || !(w.getValue() > 0 && w.getValue() <= 10))) {
                problems.add(where + ": every word of rules.words needs a weight above 0 and at most 10");
            }
        }
        checkChannelClocks(problems);
        if (organization.units().stream().noneMatch(u -> u.kind() == Organization.UnitKind.COUNTY_CENTER)) {
            problems.add("units: a county-center unit is required (it owns what nobody else does)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private void checkChannelClocks(List<String> problems) {
        Set<String> seen = new HashSet<>();
        List<ChannelClock> clocks = catalog.channelClocks();
        for (int i = 0; i < clocks.size(); i++) {
            String where = "channelClocks[" + i + "]";
            problems.addAll(clocks.get(i).problems(where));
            if (!seen.add(clocks.get(i).label())) {
                problems.add(where + ": " + clocks.get(i).label() + " appears twice; one entry per channel and kind");
            }
        }
    }

    /**
     * What the parser would otherwise drop or round in silence: unknown fields of the clock objects
     * (a misspelt stage) and limits that are not whole numbers (7.5, "7").
     */
    private static List<String> clockShapeProblems(JsonNode catalogDocument) {
        List<String> problems = new ArrayList<>();
        JsonNode channelClocks = catalogDocument.path("channelClocks");
        for (int i = 0; i < channelClocks.size(); i++) {
            checkShape(channelClocks.get(i), CHANNEL_CLOCK_FIELDS, "channelClocks[" + i + "]", problems);
        }
        for (JsonNode item : catalogDocument.path("items")) {
            JsonNode clocks = item.path("clocks");
            if (clocks.isObject()) {
                checkShape(clocks, STAGE_CLOCKS_FIELDS, "items." + item.path("code").asText() + ".clocks", problems);
            }
        }
        return problems;
    }

    private static void checkShape(JsonNode clocks, Set<String> known, String where, List<String> problems) {
        unknownFields(clocks, known, where, problems);
        for (String stage : List.of("queue", "signFor", "completion")) {
            JsonNode clock = clocks.path(stage);
            if (!clock.isObject()) {
                if (!clock.isMissingNode() && !clock.isNull()) {
                    problems.add(where + "." + stage
                            + ": must be an object such as {\"limit\": 7, \"counting\": \"working-days\"}");
                }
                continue;
            }
            unknownFields(clock, STAGE_CLOCK_FIELDS, where + "." + stage, problems);
            JsonNode limit = clock.path("limit");
            if (!limit.isMissingNode() && !limit.isNull() && !(limit.isIntegralNumber() && limit.canConvertToInt())) {
                problems.add(where + "." + stage + ".limit: must be a whole number (not " + limit + ")");
            }
        }
    }

    private static void unknownFields(JsonNode object, Set<String> known, String where, List<String> problems) {
        object.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                problems.add(where + ": unknown field '" + field + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        });
    }

    /** Present, not blank, and short enough for the ticket's column that will hold it. */
    private static boolean fits(String value, int maxLength) {
        return value != null && !value.isBlank() && value.length() <= maxLength;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
    }
}
