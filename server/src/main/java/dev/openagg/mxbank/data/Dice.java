package dev.openagg.mxbank.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A small random generator whose algorithm (SplitMix64) is fixed here, so MX Bank's data is the same on every JVM.
 * A die is made from the parts that identify one decision (member, account, day ...), never from a running sequence,
 * which is what makes a day's data independent of the window it is asked for in.
 */
final class Dice {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    Dice(long... parts) {
        long h = GOLDEN;
        for (long part : parts) {
            h = mix(h ^ mix(part + GOLDEN));
        }
        state = h;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The first eight bytes of the SHA-256 of the text: a stable number for a member seed or a symbol. */
    static long hash(String text) {
        byte[] digest = sha256(text);
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** A uniform double in [0, 1). */
    double unit() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A whole number from lo to hi, both included. */
    int between(int lo, int hi) {
        return lo + (int) Math.floorMod(nextLong(), (long) hi - lo + 1);
    }

    boolean chance(double probability) {
        return unit() < probability;
    }

    <T> T pick(List<T> items) {
        return items.get(between(0, items.size() - 1));
    }

    /** An amount of money, uniform in [lo, hi] to the cent. */
    BigDecimal money(double lo, double hi) {
        long cents = Math.round(lo * 100) + Math.floorMod(nextLong(), Math.round((hi - lo) * 100) + 1);
        return BigDecimal.valueOf(cents, 2);
    }

    /** A string of random digits, for account numbers. */
    String digits(int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + between(0, 9)));
        }
        return out.toString();
    }
}
