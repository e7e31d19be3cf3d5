package dev.openagg.connector;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

/**
 * MX-style identifiers: a prefix and a UUID, for example {@code MBR-018f3a52-9c41-7d2e-9a61-0c1d2e3f4a51}. The UUID
 * has version 7's layout: the creation time in milliseconds (48 bits), then 74 random bits. Identifiers made later
 * sort after earlier ones, to the millisecond, so the primary-key index of a table they key grows at its end: the
 * rows of one harvest land on a few index pages instead of one page each, which is what a database rewrites.
 */
public final class Guids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();

    private Guids() {
    }

    public static String next(String prefix) {
        return prefix + "-" + uuid(CLOCK.millis());
    }

    static String uuid(long millis) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (millis >>> (40 - 8 * i));
        }
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x70);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(bytes);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
