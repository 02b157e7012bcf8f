package io.lastmile.search;

import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Search by the last four digits of a caller's phone without indexing them as such: the index holds
 * an HMAC of them under a key only the service knows ({@code lastmile.search.phone-key}), so a copy
 * of the index alone cannot be searched by phone. Without a key the feature is off.
 */
@ApplicationScoped
public class PhoneKeys {

    private final Optional<byte[]> key;

    public PhoneKeys(SearchConfig config) {
        this.key = config.phoneKey().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8));
    }

    public boolean enabled() {
        return key.isPresent();
    }

    /** The key of a phone's last four digits (the phone may be masked: 139****5678), or empty. */
    public Optional<String> lastFourKey(String phone) {
        if (phone == null || key.isEmpty()) {
            return Optional.empty();
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 4) {
            return Optional.empty();
        }
        return Optional.of(keyOf(digits.substring(digits.length() - 4)));
    }

    /** The key of four digits as a person types them. */
    String keyOf(String lastFour) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.orElseThrow(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(lastFour.getBytes(StandardCharsets.US_ASCII)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
