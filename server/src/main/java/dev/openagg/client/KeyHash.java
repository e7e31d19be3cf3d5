package dev.openagg.client;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** A salted PBKDF2 hash of an API key; the key itself is never stored. */
record KeyHash(String salt, String hash) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ITERATIONS = 120_000;

    static KeyHash of(String apiKey) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return new KeyHash(saltHex, derive(apiKey, saltHex));
    }

    /**
     * A hash no key is known to match, whose check costs the same PBKDF2 work as a real one: a random salt and a
     * random hash, so making it costs nothing at start-up.
     */
    static KeyHash decoy() {
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return new KeyHash(HexFormat.of().formatHex(salt), HexFormat.of().formatHex(hash));
    }

    boolean matches(String apiKey) {
        return MessageDigest.isEqual(hash.getBytes(), derive(apiKey, salt).getBytes());
    }

    private static String derive(String apiKey, String saltHex) {
        try {
            PBEKeySpec spec = new PBEKeySpec(apiKey.toCharArray(), HexFormat.of().parseHex(saltHex), ITERATIONS, 256);
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return HexFormat.of().formatHex(derived);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is part of every JDK", e);
        }
    }
}
