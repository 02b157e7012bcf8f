package io.lastmile.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token bucket per client address: {@code perMinute} requests at once, refilled evenly over a
 * minute. Held per replica (N replicas let an address make N times as many calls, which the
 * account lock after wrong passwords does not depend on). Addresses idle for two minutes are
 * forgotten, so that a scan of many addresses cannot fill the memory.
 */
final class ClientRateLimiter {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(2);
    private static final int SWEEP_EVERY = 1024;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger sinceSweep = new AtomicInteger();

    private static final class Bucket {
        double tokens;
        Instant refilledAt;

        Bucket(double tokens, Instant at) {
            this.tokens = tokens;
            this.refilledAt = at;
        }
    }

    ClientRateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Takes one request for the address: empty when allowed, or how long to wait before the next one. */
    java.util.Optional<Duration> take(String address) {
        Instant now = clock.instant();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double perNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
            bucket.tokens = Math.min(perMinute, bucket.tokens + Duration.between(bucket.refilledAt, now).toNanos() * perNano);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / perNano)));
        }
    }

    private void sweep(Instant now) {
        if (sinceSweep.incrementAndGet() % SWEEP_EVERY != 0) {
            return;
        }
        Instant idleSince = now.minus(FORGET_AFTER);
        buckets.values().removeIf(b -> b.refilledAt.isBefore(idleSince));
    }

    int addresses() {
        return buckets.size();
    }
}
