package io.lastmile.intake;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.lastmile.intake.AdapterAssertions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PhoneNumbersTest {

    @Test
    void commonFormatsOfAMobileBecomeElevenDigits() {
        for (String written : new String[] {"+86 139-0737-5678", "+8613907375678", "0086 139 0737 5678", "8613907375678",
                "139-0737-5678", " 13907375678 ", "(139)07375678"}) {
            assertEquals(Optional.of("13907375678"), PhoneNumbers.normalize("f", written), written);
        }
    }

    @Test
    void landlinesKeepTheirAreaCode() {
        assertEquals(Optional.of("07374221234"), PhoneNumbers.normalize("f", "0737-4221234"));
        assertEquals(Optional.of("07374221234"), PhoneNumbers.normalize("f", "（0737）4221234"));
        assertEquals(Optional.of("01012345678"), PhoneNumbers.normalize("f", "010-12345678"));
    }

    @Test
    void absentIsEmptyAndGarbageIsRefusedNamingTheField() {
        assertEquals(Optional.empty(), PhoneNumbers.normalize("f", null));
        assertEquals(Optional.empty(), PhoneNumbers.normalize("f", "  "));
        assertInvalid("ldhm", () -> PhoneNumbers.normalize("ldhm", "12345"));
        assertInvalid("ldhm", () -> PhoneNumbers.normalize("ldhm", "1390737567"));
        assertInvalid("ldhm", () -> PhoneNumbers.normalize("ldhm", "12907375678"));
        assertInvalid("ldhm", () -> PhoneNumbers.normalize("ldhm", "电话13907375678"));
    }
}
