package io.lastmile.intake;

/** 统一社会信用代码 (unified social credit code): 18 characters, the last a GB 32100-2015 check character. */
final class CreditCodes {

    private static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    static String require(String field, String code) {
        String upper = code.trim().toUpperCase();
        if (upper.length() != 18) {
            throw IntakeRejected.invalid(field, "统一社会信用代码须为18位 (must be 18 characters, got " + upper.length() + ")");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARACTERS.indexOf(upper.charAt(i));
            if (value < 0) {
                throw IntakeRejected.invalid(field, "第" + (i + 1) + "位字符无效 (character " + (i + 1) + " '"
                        + upper.charAt(i) + "' is not allowed)");
            }
            sum += value * WEIGHTS[i];
        }
        char expected = CHARACTERS.charAt((31 - sum % 31) % 31);
        if (upper.charAt(17) != expected) {
            throw IntakeRejected.invalid(field, "校验位错误 (check character should be " + expected + ")");
        }
        return upper;
    }

    private CreditCodes() {
    }
}
