package io.lastmile.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** The {@code lastmile.search.*} settings of the index, its rebuild and its reconciliation. */
@ConfigMapping(prefix = "lastmile.search")
public interface SearchConfig {

    /** The HMAC key of a phone's last four digits in the index; without it, search by {@code phoneLast4} is refused. */
    Optional<String> phoneKey();

    /** How often one replica compares PostgreSQL with the index and repairs what differs ({@code off} disables). */
    @WithDefault("15m")
    String reconcileInterval();

    /** How long after start the first reconciliation waits. */
    @WithDefault("1m")
    String reconcileDelay();

    /** Tickets compared per page by the reconciliation. */
    @WithDefault("2000")
    int reconcilePageSize();

    /** A rebuild of the index from PostgreSQL. */
    Reindex reindex();

    interface Reindex {

        /** Tickets read per page and written per {@code _bulk}. */
        @WithDefault("5000")
        int pageSize();

        /** {@code _bulk} requests in flight at once. */
        @WithDefault("3")
        int parallelRequests();
    }
}
