package dev.openagg.institution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Builds plug-in jars for tests from compiled test classes and a services file listing the named connectors. */
final class PluginJars {
    private PluginJars() {
    }

    /** A jar of these classes whose services file lists {@code declared} (class names, which may not exist). */
    static Path build(Path folder, String name, List<Class<?>> classes, List<String> declared) {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
                    bytes.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/dev.openagg.connector.Connector"));
            out.write((String.join("\n", declared) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    /** A jar of one connector class, declared in its services file. */
    static Path of(Path folder, String name, Class<?> connector) {
        return build(folder, name, List.of(connector), List.of(connector.getName()));
    }
}
