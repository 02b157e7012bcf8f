package io.lastmile.ticket;

/**
 * The citizen to call back. Personal data: never logged, masked in events and in the search index.
 *
 * @param name      as given, or null
 * @param phone     normalized digits ({@code 13907375678}), or null
 * @param anonymous the citizen asked not to be named (匿名)
 */
public record Contact(String name, String phone, boolean anonymous) {

    public static final Contact NONE = new Contact(null, null, false);

    /**
     * The form that may leave the service's database: 张先生 → 张**, 13907375678 → 139****5678. A
     * caller who asked not to be named leaves no trace of name or number at all.
     */
    public Contact masked() {
        return anonymous ? new Contact(null, null, true) : new Contact(maskName(name), maskPhone(phone), false);
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, 1)) + "**";
    }

    @Override
    public String toString() {
        return "Contact" + masked().fields();
    }

    private String fields() {
        return "[name=" + name + ", phone=" + phone + ", anonymous=" + anonymous + "]";
    }
}
