package dev.openagg.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded database's directory, readable by the server's user only: the directory 0700, every file in it 0600.
 * The JDK has no umask, and H2 creates its files with the process's, so their modes are set after H2 opens and after
 * it closes (a compaction writes a new file); in between, the directory's own mode keeps other users out.
 */
public final class DataDir {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDir() {
    }

    /** Creates the directory if needed and restricts it. */
    public static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        restrict(dir);
    }

    /**
     * Sets the modes of the directory and of everything in it. On a file system without POSIX modes (Windows) it does
     * nothing: there the directory's access control list decides.
     */
    public static void restrict(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            if (!Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
                return;
            }
            for (Path path : paths.toList()) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, DIRECTORY);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(path, FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the data directory " + dir + " to its owner", e);
        }
    }
}
