package io.lastmile.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AES-256-GCM for personal data at rest (the caller's name and phone, the sources' original bytes).
 * Every sealed value names its key: text as {@code gcm1.<key id>.<base64 of nonce and ciphertext>},
 * bytes behind the header {@code GCM1 <id length> <key id>}. New values take the current key; a
 * value under an older key is read while that key is configured; a value without the mark is a
 * value written before encryption (read as it is, until the re-encryption seals it).
 */
@ApplicationScoped
public class ColumnCipher {

    static final String TEXT_MARK = "gcm1.";
    static final byte[] BYTES_MARK = "GCM1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKey> keys;

    @Inject
    public ColumnCipher(ColumnKeysConfig config) {
        this(config.current(), config.previous().orElse(List.of()));
    }

    /** A cipher sealing with {@code current} and reading also {@code previous} (each {@code <id>:<base64>}). */
    public ColumnCipher(String current, List<String> previous) {
        Map<String, SecretKey> all = new LinkedHashMap<>();
        String id = add(all, current);
        for (String key : previous) {
            if (!key.isBlank()) {
                add(all, key.trim());
            }
        }
        this.currentId = id;
        this.keys = Map.copyOf(all);
    }

    private static String add(Map<String, SecretKey> keys, String spec) {
        int colon = spec.indexOf(':');
        String id = colon < 0 ? "" : spec.substring(0, colon);
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a column key is <id>:<base64 of 32 bytes>, the id of letters, digits, - and _");
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(spec.substring(colon + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column key " + id + " is not base64");
        }
        if (material.length != 32) {
            throw new IllegalArgumentException("column key " + id + " has " + material.length + " bytes, AES-256 needs 32");
        }
        if (keys.putIfAbsent(id, new SecretKeySpec(material, "AES")) != null) {
            throw new IllegalArgumentException("column key " + id + " is listed twice");
        }
        return id;
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return currentId;
    }

    /** How a text sealed under the current key starts: values that do not are due for re-encryption. */
    public String currentTextPrefix() {
        return TEXT_MARK + currentId + ".";
    }

    /** How bytes sealed under the current key start. */
    public byte[] currentBytesPrefix() {
        return header(currentId);
    }

    /** The text sealed under the current key; null stays null. */
    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        byte[] sealed = encrypt(clear.getBytes(StandardCharsets.UTF_8));
        return currentTextPrefix() + Base64.getEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The clear text of a sealed value (or the value itself when it was never sealed); null stays null. */
    public String open(String stored) {
        if (stored == null || !stored.startsWith(TEXT_MARK)) {
            return stored;
        }
        int dot = stored.indexOf('.', TEXT_MARK.length());
        if (dot < 0) {
            throw new IllegalStateException("a sealed column value without its key id");
        }
        String id = stored.substring(TEXT_MARK.length(), dot);
        byte[] sealed = Base64.getDecoder().decode(stored.substring(dot + 1));
        return new String(decrypt(id, sealed), StandardCharsets.UTF_8);
    }

    /** Whether a stored text is sealed at all (under any key). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(TEXT_MARK);
    }

    /** Whether a stored text is sealed under the current key. */
    public boolean isCurrent(String stored) {
        return stored == null || stored.startsWith(currentTextPrefix());
    }

    /** The bytes sealed under the current key; null stays null. */
    public byte[] seal(byte[] clear) {
        if (clear == null) {
            return null;
        }
        byte[] header = header(currentId);
        byte[] sealed = encrypt(clear);
        return ByteBuffer.allocate(header.length + sealed.length).put(header).put(sealed).array();
    }

    /** The clear bytes of sealed bytes (or the bytes themselves when they were never sealed); null stays null. */
    public byte[] open(byte[] stored) {
        if (stored == null || stored.length < BYTES_MARK.length + 1
                || !Arrays.equals(stored, 0, BYTES_MARK.length, BYTES_MARK, 0, BYTES_MARK.length)) {
            return stored;
        }
        int idLength = stored[BYTES_MARK.length];
        int start = BYTES_MARK.length + 1 + idLength;
        if (idLength <= 0 || start > stored.length) {
            throw new IllegalStateException("sealed bytes with a broken header");
        }
        String id = new String(stored, BYTES_MARK.length + 1, idLength, StandardCharsets.US_ASCII);
        return decrypt(id, Arrays.copyOfRange(stored, start, stored.length));
    }

    /** Whether stored bytes are sealed under the current key. */
    public boolean isCurrent(byte[] stored) {
        byte[] header = header(currentId);
        return stored == null || stored.length >= header.length && Arrays.equals(stored, 0, header.length, header, 0, header.length);
    }

    /** The ids of the keys this cipher reads, the current first. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        ids.add(currentId);
        keys.keySet().stream().filter(id -> !id.equals(currentId)).forEach(ids::add);
        return ids;
    }

    private static byte[] header(String id) {
        byte[] idBytes = id.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(BYTES_MARK.length + 1 + idBytes.length).put(BYTES_MARK).put((byte) idBytes.length)
                .put(idBytes).array();
    }

    private byte[] encrypt(byte[] clear) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
            // The key id is authenticated too: a value cannot be passed off as sealed under another key.
            cipher.updateAAD(currentId.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }

    private byte[] decrypt(String id, byte[] sealed) {
        SecretKey key = keys.get(id);
        if (key == null) {
            // Loud on purpose: a key removed while values still need it would otherwise read as garbage.
            throw new IllegalStateException("column key " + id + " is not configured (lastmile.column-keys): re-encrypt before removing it");
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("a sealed value too short to be one");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(id.getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("a value sealed under column key " + id + " does not verify", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is part of every JDK", e);
        }
    }
}
