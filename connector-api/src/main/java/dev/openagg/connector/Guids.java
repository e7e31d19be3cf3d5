package dev.openagg.connector;

import java.security.SecureRandom;
import java.util.HexFormat;

/** MX-style identifiers: a prefix and 128 random bits, for example {@code MBR-84ca0882-ad6c-4f10-817f-c8c0de7424fa}. */
public final class Guids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Guids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(bytes);
        return prefix + "-" + hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16)
                + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
