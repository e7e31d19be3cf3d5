package dev.openagg.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key that secrets are encrypted under. Its {@code id}, the first four bytes of the key's SHA-256 in
 * hex, is written with every ciphertext so a reader knows which key to use; it reveals nothing usable about the key.
 * {@code source} says where the key came from, for messages.
 */
public record MasterKey(String id, SecretKeySpec key, String source) {
    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads a key written as base64 (standard or URL-safe alphabet); {@code source} names the setting for errors. */
    public static MasterKey decode(String text, String source) {
        byte[] bytes = base64(text == null ? "" : text.trim());
        if (bytes == null || bytes.length != BYTES) {
            throw new SecretException(source + " is not a master key: it must be " + BYTES
                    + " random bytes in base64 (44 characters), for example the output of `openssl rand -base64 32`");
        }
        return of(bytes, source);
    }

    public static MasterKey generate(String source) {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return of(bytes, source);
    }

    /** The key in base64, as a key file or {@code OPENAGG_MASTER_KEY} holds it. */
    public String encoded() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The same key, described as coming from {@code elsewhere}. */
    MasterKey from(String elsewhere) {
        return new MasterKey(id, key, elsewhere);
    }

    private static MasterKey of(byte[] bytes, String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new MasterKey(HexFormat.of().formatHex(digest, 0, 4), new SecretKeySpec(bytes, "AES"), source);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException notStandard) {
            try {
                return Base64.getUrlDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException notUrlSafe) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + " from " + source + "]";
    }
}
