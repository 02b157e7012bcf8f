package io.lastmile.privacy;

import io.lastmile.platform.ColumnCipher;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The column cipher's rules: a key id in every value, old keys read, removed keys loud, tampering refused. */
class ColumnCipherTest {

    static final String A = "key-a:Vns3zV1eX9FuOOzB053u0K7W3h+yc2XnLbxTRm6NmnQ=";
    static final String B = "key_b:gL7KMzhyNWOZJU6bbYJYDbucuFTlI/jgnnS0I0TgbzU=";

    @Test
    void aSealedValueNamesItsKeyAndHidesTheClearText() {
        ColumnCipher a = new ColumnCipher(A, List.of());
        String sealed = a.seal("13907375678");
        assertTrue(sealed.startsWith("gcm1.key-a."), sealed);
        assertFalse(sealed.contains("5678"), sealed);
        assertNotEquals(sealed, a.seal("13907375678"), "a fresh nonce each time");
        assertEquals("13907375678", a.open(sealed));
        assertEquals("张先生", a.open(a.seal("张先生")));
        assertNull(a.seal((String) null));
        assertNull(a.open((String) null));
    }

    @Test
    void afterARotationOldValuesStayReadableNewOnesTakeTheNewKeyAndRemovingTheOldKeyIsLoud() {
        ColumnCipher a = new ColumnCipher(A, List.of());
        String old = a.seal("13907375678");
        byte[] oldBytes = a.seal("{\"ldhm\": \"13907375678\"}".getBytes(StandardCharsets.UTF_8));

        ColumnCipher rotated = new ColumnCipher(B, List.of(A));
        assertEquals("13907375678", rotated.open(old));
        assertArrayEquals("{\"ldhm\": \"13907375678\"}".getBytes(StandardCharsets.UTF_8), rotated.open(oldBytes));
        assertFalse(rotated.isCurrent(old));
        assertFalse(rotated.isCurrent(oldBytes));
        String fresh = rotated.seal("13907375678");
        assertTrue(fresh.startsWith("gcm1.key_b."), fresh);
        assertTrue(rotated.isCurrent(fresh));
        assertTrue(rotated.isCurrent(rotated.seal(new byte[] {1, 2, 3})));

        ColumnCipher withoutA = new ColumnCipher(B, List.of());
        assertEquals("13907375678", withoutA.open(fresh));
        IllegalStateException lost = assertThrows(IllegalStateException.class, () -> withoutA.open(old));
        assertTrue(lost.getMessage().contains("key-a"), lost.getMessage());
        assertThrows(IllegalStateException.class, () -> withoutA.open(oldBytes));
    }

    @Test
    void valuesFromBeforeEncryptionAreReadAsTheyAre() {
        ColumnCipher b = new ColumnCipher(B, List.of());
        assertEquals("13907375678", b.open("13907375678"));
        assertArrayEquals("{\"gdbh\": 1}".getBytes(StandardCharsets.UTF_8), b.open("{\"gdbh\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(b.isCurrent("13907375678"));
    }

    @Test
    void aChangedValueOrAValueMovedToAnotherKeyIdDoesNotVerify() {
        ColumnCipher both = new ColumnCipher(B, List.of(A));
        String sealed = both.seal("13907375678");
        char last = sealed.charAt(sealed.length() - 2);
        String changed = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        assertThrows(IllegalStateException.class, () -> both.open(changed));
        // The key id is authenticated: the same bytes claimed under key-a fail even though key-a is known.
        assertThrows(IllegalStateException.class, () -> both.open(sealed.replace("gcm1.key_b.", "gcm1.key-a.")));
    }

    @Test
    void badKeysAreRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ColumnCipher("no-colon", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ColumnCipher("k1:c2hvcnQ=", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ColumnCipher("bad.id:" + A.substring(6), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ColumnCipher(A, List.of(A)));
    }
}
