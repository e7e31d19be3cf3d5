package dev.openagg.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts secrets for the database and reads them back: AES-256-GCM under the current master key, in an envelope
 * {@code v1:<key id>:<base64 of nonce and ciphertext>} that names the key. Older keys, given during a rotation, are
 * used for reading only. The associated data is the row's identity ({@link SecretColumn#aad}), so a ciphertext copied
 * to another row, or another column, does not decrypt.
 */
public final class Keyring {
    private static final String VERSION = "v1";
    private static final Pattern ENVELOPE = Pattern.compile("v1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKey current;
    private final Map<String, MasterKey> keys = new LinkedHashMap<>();

    /** {@code previous} keys are only read with; a key given twice counts once. */
    public Keyring(MasterKey current, List<MasterKey> previous) {
        this.current = current;
        keys.put(current.id(), current);
        previous.forEach(k -> keys.putIfAbsent(k.id(), k));
    }

    public MasterKey current() {
        return current;
    }

    /** Every key this ring reads with, the current one first. */
    public List<MasterKey> keys() {
        return List.copyOf(keys.values());
    }

    /** Encrypts {@code plain} for the row {@code aad} under the current key; null stays null. */
    public String seal(String aad, String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, current, nonce, aad);
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + current.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is part of every JDK", e);
        }
    }

    /** Decrypts what {@link #seal} wrote for the row {@code aad}; null stays null. */
    public String open(String aad, String sealed) {
        if (sealed == null) {
            return null;
        }
        Matcher envelope = ENVELOPE.matcher(sealed);
        if (!envelope.matches()) {
            throw new SecretException(aad + " is not encrypted: it was written outside OpenAgg, or by a version "
                    + "older than the one that encrypts secrets");
        }
        MasterKey key = keys.get(envelope.group(1));
        if (key == null) {
            throw new SecretException(unknownKey(aad, envelope.group(1)));
        }
        byte[] bytes = decode(envelope.group(2));
        if (bytes == null || bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretException(aad + " is not a well-formed ciphertext");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(bytes, NONCE_BYTES), aad);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretException(aad + " does not decrypt under key " + key.id()
                    + ": the ciphertext was altered, or copied from another row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is part of every JDK", e);
        }
    }

    /** True when {@code sealed} is an envelope under the current key (what a rotation leaves every secret in). */
    public boolean isCurrent(String sealed) {
        return keyId(sealed).filter(current.id()::equals).isPresent();
    }

    /** The key id an envelope names; empty when {@code value} is not an envelope. */
    public static Optional<String> keyId(String value) {
        Matcher envelope = ENVELOPE.matcher(value);
        return envelope.matches() ? Optional.of(envelope.group(1)) : Optional.empty();
    }

    /** The prefix every envelope under {@code key} starts with, for finding them in SQL. */
    static String prefix(MasterKey key) {
        return VERSION + ":" + key.id() + ":";
    }

    /** What to tell an operator when a secret is under a key this ring lacks. */
    String unknownKey(String what, String keyId) {
        return what + " is encrypted under key id " + keyId + ", which is not among this node's keys ("
                + describe() + "). Give the key it was written with as OPENAGG_MASTER_KEY or "
                + "OPENAGG_PREVIOUS_MASTER_KEY (or their _FILE forms).";
    }

    /** The keys' ids and where they came from, never the keys. */
    public String describe() {
        String previous = keys.values().stream().skip(1).map(k -> k.id() + " from " + k.source())
                .collect(Collectors.joining("; "));
        return "master key " + current.id() + " from " + current.source()
                + (previous.isEmpty() ? ", no previous key" : ", previous " + previous);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Cipher cipher(int mode, MasterKey key, byte[] nonce, String aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "Keyring[" + describe() + "]";
    }
}
