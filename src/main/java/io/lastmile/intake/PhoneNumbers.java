package io.lastmile.intake;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Chinese phone numbers in the one form the service stores: digits only, no country code.
 * {@code +86 139-0737-5678} → {@code 13907375678}; {@code (0737) 4221234} → {@code 07374221234}.
 */
final class PhoneNumbers {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[1-9]\\d{1,2}\\d{7,8}");

    /** Empty when the text holds no number; a rejection when it holds something that is not one. */
    static Optional<String> normalize(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String digits = text.trim().replaceAll("[\\s\\-()（）.]", "");
        if (digits.startsWith("+86")) {
            digits = digits.substring(3);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        } else if (digits.startsWith("86") && digits.length() == 13) {
            digits = digits.substring(2);
        }
        if (MOBILE.matcher(digits).matches() || LANDLINE.matcher(digits).matches()) {
            return Optional.of(digits);
        }
        throw IntakeRejected.invalid(field, "不是有效的手机号或固定电话 (not a Chinese mobile or landline number)");
    }

    private PhoneNumbers() {
    }
}
