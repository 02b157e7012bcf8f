package io.lastmile.duplicates;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Incident detection (one problem, many callers): the defaults and each catalog category's own rule where it differs. */
@ConfigMapping(prefix = "lastmile.duplicates")
public interface DuplicatesConfig {

    /** The default link score (text similarity and the same matter), measured on the labelled set (docs/measurements.md). */
    String LINK_AT = "0.56";
    String SUGGEST_AT = "0.4";
    String DISTANCE_METERS = "150";
    String WINDOW = "72h";
    /** Measured on the labelled set too: a village-only match must be stronger. */
    String VILLAGE_LINK_AT = "0.6";
    String VILLAGE_SUGGEST_AT = "0.4";

    /** Look for duplicates of every new ticket at all. */
    @WithDefault("true")
    boolean enabled();

    /** The farthest two reports of one problem may be apart, in meters. */
    @WithDefault(DISTANCE_METERS)
    double distanceMeters();

    /** How long before a new ticket an earlier one still counts. */
    @WithDefault(WINDOW)
    Duration window();

    /** The score from which a new ticket is linked to the earlier one without asking anybody. */
    @WithDefault(LINK_AT)
    double linkAt();

    /** The score from which a dispatcher is asked (below: nothing is recorded). */
    @WithDefault(SUGGEST_AT)
    double suggestAt();

    /** The score that links by itself when only the shared village places the two tickets together. */
    @WithDefault(VILLAGE_LINK_AT)
    double villageLinkAt();

    /** The score that asks a dispatcher when only the shared village places the two tickets together. */
    @WithDefault(VILLAGE_SUGGEST_AT)
    double villageSuggestAt();

    /** Per catalog code ({@code lastmile.duplicates.categories.CS-0105.distance-meters=60}): what differs from the defaults. */
    Map<String, Category> categories();

    interface Category {
        /** How far apart this category's reports may be and still be one problem. */
        Optional<Double> distanceMeters();

        /** How long before a new report an earlier one of this category is looked at. */
        Optional<Duration> window();

        /** This category's score that links by itself. */
        Optional<Double> linkAt();

        /** This category's score that asks a dispatcher. */
        Optional<Double> suggestAt();

        /** This category's score that links by itself on a shared village alone. */
        Optional<Double> villageLinkAt();

        /** This category's score that asks a dispatcher on a shared village alone. */
        Optional<Double> villageSuggestAt();
    }

    default DuplicateRule ruleFor(String catalogCode) {
        Optional<Category> own = Optional.ofNullable(catalogCode).map(code -> categories().get(code));
        return new DuplicateRule(
                own.flatMap(Category::distanceMeters).orElse(distanceMeters()),
                own.flatMap(Category::window).orElse(window()),
                own.flatMap(Category::linkAt).orElse(linkAt()),
                own.flatMap(Category::suggestAt).orElse(suggestAt()),
                own.flatMap(Category::villageLinkAt).orElse(villageLinkAt()),
                own.flatMap(Category::villageSuggestAt).orElse(villageSuggestAt()));
    }

    /** How far back any category looks: the candidate query's window. */
    default Duration longestWindow() {
        return categories().values().stream().flatMap(c -> c.window().stream()).reduce(window(),
                (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** How far apart any category's reports may be: the candidate query's box. */
    default double widestDistanceMeters() {
        return categories().values().stream().flatMap(c -> c.distanceMeters().stream()).reduce(distanceMeters(), Math::max);
    }
}
