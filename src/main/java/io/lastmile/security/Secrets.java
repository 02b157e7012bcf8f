package io.lastmile.security;

import io.lastmile.platform.Sha256;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets the service hands out (refresh tokens, source keys): random, URL-safe, shown to their
 * holder once and stored only as a fingerprint.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@code bytes} random bytes as unpadded base64url. */
    static String random(int bytes) {
        byte[] secret = new byte[bytes];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** What is stored and looked up instead of the secret. */
    static String fingerprint(String secret) {
        return Sha256.hex(secret);
    }

    private Secrets() {
    }
}
