package io.lastmile.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientRateLimiterTest {

    /** A clock the test moves. */
    private static final class Hand extends Clock {
        Instant now = Instant.parse("2026-11-30T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void sixtyAMinuteAtOnceThenOneASecondPerAddress() {
        Hand clock = new Hand();
        ClientRateLimiter limiter = new ClientRateLimiter(60, clock);
        for (int i = 0; i < 60; i++) {
            assertEquals(Optional.empty(), limiter.take("10.0.0.1"), "request " + (i + 1));
        }
        Optional<Duration> wait = limiter.take("10.0.0.1");
        assertTrue(wait.isPresent() && wait.get().compareTo(Duration.ofSeconds(1)) <= 0 && !wait.get().isNegative(),
                "the 61st waits about a second: " + wait);
        assertEquals(Optional.empty(), limiter.take("10.0.0.2"), "another address has its own allowance");

        clock.now = clock.now.plusSeconds(1);
        assertEquals(Optional.empty(), limiter.take("10.0.0.1"), "a second later one more");
        assertTrue(limiter.take("10.0.0.1").isPresent());

        clock.now = clock.now.plus(Duration.ofMinutes(5));
        for (int i = 0; i < 60; i++) {
            assertEquals(Optional.empty(), limiter.take("10.0.0.1"), "a full minute's allowance again, never more");
        }
        assertTrue(limiter.take("10.0.0.1").isPresent());
    }

    @Test
    void idleAddressesAreForgotten() {
        Hand clock = new Hand();
        ClientRateLimiter limiter = new ClientRateLimiter(60, clock);
        for (int i = 0; i < 2000; i++) {
            limiter.take("10.1." + (i / 256) + "." + (i % 256));
        }
        clock.now = clock.now.plus(Duration.ofMinutes(3));
        for (int i = 0; i < 1024; i++) {
            limiter.take("10.2.0.1");
        }
        assertTrue(limiter.addresses() < 10, "addresses idle for minutes are dropped: " + limiter.addresses());
    }
}
