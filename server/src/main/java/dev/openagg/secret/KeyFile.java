package dev.openagg.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of master keys, one base64 key a line: the first is the key secrets are written under, any after it are
 * accepted for reading (the keys of a rotation in progress). Blank lines and lines starting with {@code #} are
 * skipped. Written only readable by its owner, and replaced atomically.
 */
public final class KeyFile {
    /** The embedded default's key file, in the data directory. */
    public static final String DEFAULT_NAME = "master.key";

    private KeyFile() {
    }

    /** The keys in {@code file}; {@code setting} names where it was configured, for errors. */
    public static List<MasterKey> read(Path file, String setting) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SecretException(setting + ": cannot read the key file " + file + " (" + e + ")");
        }
        List<MasterKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                keys.add(MasterKey.decode(line, setting + " " + file + ", line " + (i + 1)));
            }
        }
        if (keys.isEmpty()) {
            throw new SecretException(setting + ": the key file " + file + " holds no key");
        }
        return keys;
    }

    /**
     * Replaces {@code file} with these keys, the current one first; a reader sees the old file or the new, never a mix.
     */
    public static void write(Path file, List<MasterKey> keys) {
        StringBuilder text = new StringBuilder("""
                # OpenAgg master keys, base64. The first encrypts; any others are only read with, during a rotation.
                # Keep this file secret, and back it up apart from the database: without it the secrets are lost.
                """);
        keys.forEach(k -> text.append(k.encoded()).append('\n'));
        Path dir = file.toAbsolutePath().getParent();
        try {
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
            Path temp = posix
                    ? Files.createTempFile(dir, ".master-key", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".master-key", ".tmp");
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new SecretException("cannot write the key file " + file + " (" + e + ")");
        }
    }
}
