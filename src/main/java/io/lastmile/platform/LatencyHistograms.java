package io.lastmile.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Publishes the HTTP server's latency as a histogram ({@code http_server_requests_seconds_bucket}),
 * which the Grafana p95 panel (dashboards/grafana) reads: Micrometer publishes only count and sum
 * unless asked, and a quantile over several replicas needs buckets, not per-replica percentiles.
 */
@Singleton
public class LatencyHistograms {

    @Produces
    @Singleton
    public MeterFilter httpServerHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("http.server.requests")
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }
}
