package io.lastmile.ticket;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers callers type into their own words: mobile and fixed-line phones, resident ID numbers and
 * bank cards. Masked wherever a text leaves for people who do not call the citizen, and always in
 * events, the search index and the screens: 13907375678 → 139****5678, 0737-2345678 → 0737-***5678,
 * 430922199001011234 → 430922********1234, 6228480402564890018 → 6228***********0018.
 */
public final class PersonalNumbers {

    /** An 18-character resident ID (the last may be X), or a bank card of 16–19 digits, standing alone. */
    private static final Pattern LONG = Pattern.compile("(?<![0-9A-Za-z])(\\d{17}[\\dXx]|\\d{16,19})(?![0-9A-Za-z])");
    /** A mainland mobile number, possibly written 139 0737 5678 or 139-0737-5678. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9A-Za-z])(1[3-9]\\d)[ -]?(\\d{4})[ -]?(\\d{4})(?![0-9A-Za-z])");
    /** A fixed line with its area code and a separator: 0737-2345678, (0737)2345678. */
    private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(\\(?0\\d{2,3}\\)?[ -])(\\d{3,4})(\\d{4})(?!\\d)");

    /** The text with every such number masked; null stays null. */
    public static String mask(String text) {
        if (text == null || text.chars().filter(Character::isDigit).count() < 7) {
            return text;
        }
        String masked = replace(LONG, text, m -> {
            String digits = m.group(1);
            int keepFront = digits.length() == 18 && looksLikeId(digits) ? 6 : 4;
            return digits.substring(0, keepFront) + "*".repeat(digits.length() - keepFront - 4) + digits.substring(digits.length() - 4);
        });
        masked = replace(MOBILE, masked, m -> m.group(1) + "****" + m.group(3));
        return replace(LANDLINE, masked, m -> m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
    }

    /** Whether the text still holds one of these numbers in full (what the privacy tests look for). */
    public static boolean holdsOne(String text) {
        return text != null && (LONG.matcher(text).find() || MOBILE.matcher(text).find() || LANDLINE.matcher(text).find());
    }

    /** A resident ID starts with a region code and a birth year of 19xx or 20xx. */
    private static boolean looksLikeId(String digits) {
        String year = digits.substring(6, 8);
        return digits.charAt(0) >= '1' && (year.equals("19") || year.equals("20"));
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> by) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(by.apply(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private PersonalNumbers() {
    }
}
