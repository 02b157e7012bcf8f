package io.lastmile.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code lastmile.demo.actors.*} settings of the demo's simulated people (dev mode): officials,
 * dispatchers, operators and the citizens they call back, who work the demo feed's tickets through
 * the REST API.
 */
@ConfigMapping(prefix = "lastmile.demo.actors")
public interface DemoActorsConfig {

    /** Whether the simulated people act; on in dev mode only, the one setting that turns the living demo off. */
    @WithDefault("false")
    boolean enabled();

    /**
     * How much faster than real time they work: their delays are drawn in realistic minutes and hours
     * and divided by this. 1 is real time; 600 (dev) makes a working hour six seconds, so that the
     * month's figures settle within minutes.
     */
    @WithDefault("1")
    double speed();

    /** How often they look at the county's open tickets for new ones of the demo feed. */
    @WithDefault("5s")
    Duration lookEvery();

    /** The pages of 100 open tickets they read per look (oldest first, carrying on from the last look). */
    @WithDefault("5")
    int pagesPerLook();

    /** The share of hand-overs a unit returns as not its own (退回), in percent. */
    @WithDefault("3")
    int returnPercent();

    /** The share of tickets in hand for which a unit asks for more days (延期), in percent. */
    @WithDefault("3")
    int extensionPercent();

    /** The share of consultations (咨询) the operator answers at once on the phone (即办), in percent. */
    @WithDefault("50")
    int answerAtIntakePercent();

    /** Where they reach the API; by default this service's own HTTP port on localhost. */
    Optional<String> baseUrl();
}
