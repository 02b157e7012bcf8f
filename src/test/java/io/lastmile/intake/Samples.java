package io.lastmile.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The source systems' sample records, as sent, and fresh variants of them: a new source id and a
 * recent time, so that tests against the real clock and the shared test database stay independent.
 */
final class Samples {

    /** The moment the unit tests pretend it is: shortly after every sample was sent. */
    static final Instant SAMPLE_NOW = Instant.parse("2026-11-22T15:00:00Z");

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    static String text(String file) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String file) {
        return text(file).getBytes(StandardCharsets.UTF_8);
    }

    /** The sample of a channel with a unique id and a time one hour ago. */
    static Fresh fresh(String channel) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Instant hourAgo = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(LOCAL).format(hourAgo);
        String offset = hourAgo.atZone(LOCAL).toOffsetDateTime().toString();
        return switch (channel) {
            case "12345" -> new Fresh("TJ12345-" + unique, text("12345.json")
                    .replace("TJ12345-20261122-0042", "TJ12345-" + unique)
                    .replace("2026-11-22 09:14:03", local));
            case "12315" -> new Fresh("3209-" + unique, text("12315.json")
                    .replace("3209222026112200001", "3209-" + unique)
                    .replace("2026-11-22T09:20:11+08:00", offset));
            case "12369" -> new Fresh("HB12369-" + unique, text("12369.xml")
                    .replace("HB12369-2026-000311", "HB12369-" + unique)
                    .replace("2026-11-22 22:40", local.substring(0, 16)));
            case "urban" -> new Fresh("CG-" + unique, text("urban.json")
                    .replace("CG2026112200017", "CG-" + unique)
                    .replace("1795311034000", String.valueOf(hourAgo.toEpochMilli())));
            case "kiosk" -> {
                String device = "KIOSK-XSZ-HQG-" + unique;
                yield new Fresh(device + "@" + OffsetDateTime.parse(offset).toInstant(),
                        text("kiosk.json").replace("KIOSK-XSZ-HQG-01", device)
                                .replace("2026-11-22T10:11:00+08:00", offset));
            }
            case "grid" -> new Fresh("WG-" + unique, text("grid.json")
                    .replace("WG2026112200031", "WG-" + unique)
                    .replace("2026-11-22T09:00:00+08:00", offset));
            default -> throw new IllegalArgumentException(channel);
        };
    }

    /** A sample made fresh: the source id it carries now, and its body. */
    record Fresh(String sourceId, String body) {

        byte[] bytes() {
            return body.getBytes(StandardCharsets.UTF_8);
        }
    }

    private Samples() {
    }
}
