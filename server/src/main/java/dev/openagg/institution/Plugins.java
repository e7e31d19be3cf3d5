package dev.openagg.institution;

import dev.openagg.connector.Connector;
import dev.openagg.connector.ConnectorProvider;
import dev.openagg.connector.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Connector plug-ins: every {@code *.jar} in a folder, each loaded in a class loader of its own
 * ({@link PluginClassLoader}) that shares only the JDK, the connector API and SLF4J with OpenAgg, so a plug-in
 * brings any other library it needs inside its jar. A jar is a plug-in when it lists its connectors in
 * {@code META-INF/services/dev.openagg.connector.Connector}, or providers that make them from settings in
 * {@code META-INF/services/dev.openagg.connector.ConnectorProvider}.
 */
public final class Plugins {
    private Plugins() {
    }

    /** A connector and the jar it came from, to name in error messages. */
    public record Loaded(Connector connector, String source) {
    }

    /** A plug-in that cannot be used; the server does not start. Its message names the jar. */
    public static final class LoadFailure extends RuntimeException {
        public LoadFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The connectors of every jar in {@code folder}, in the jars' name order; providers get {@code settings}. */
    public static List<Loaded> load(Path folder, Settings settings) {
        if (!Files.isDirectory(folder)) {
            throw new LoadFailure("the plug-ins folder " + folder + " does not exist or is not a folder", null);
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(folder)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plug-ins folder " + folder, e);
        }
        List<Loaded> loaded = new ArrayList<>();
        for (Path jar : jars) {
            loaded.addAll(loadJar(jar, settings));
        }
        return loaded;
    }

    private static List<Loaded> loadJar(Path jar, Settings settings) {
        String name = "plug-in " + jar.getFileName();
        try (JarFile readable = new JarFile(jar.toFile())) {
            readable.getManifest();
        } catch (IOException e) {
            throw new LoadFailure(name + " is not a readable jar: " + e.getMessage(), e);
        }
        URLClassLoader loader = new PluginClassLoader(name, url(jar), Plugins.class.getClassLoader());
        List<Loaded> connectors;
        try {
            connectors = fromLoader(loader, type -> type.getClassLoader() == loader, jar.getFileName().toString(),
                    settings);
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            if (e instanceof LoadFailure failure) {
                throw failure;
            }
            throw new LoadFailure(name + " failed to load: " + rootMessage(e), e);
        }
        if (connectors.isEmpty()) {
            throw new LoadFailure(name + " declares no connector in META-INF/services/" + Connector.class.getName()
                    + " and no provider that made one in META-INF/services/" + ConnectorProvider.class.getName(), null);
        }
        return connectors;
    }

    /**
     * The connectors {@code loader} declares, the plain ones and those its providers make, limited to the classes
     * {@code own} accepts (a plug-in's loader also sees the server's). A provider that throws stops the start with a
     * message naming the source and the provider.
     */
    static List<Loaded> fromLoader(ClassLoader loader, Predicate<Class<?>> own, String source, Settings settings) {
        List<Loaded> connectors = new ArrayList<>();
        for (ServiceLoader.Provider<Connector> provider : ServiceLoader.load(Connector.class, loader).stream().toList()) {
            if (own.test(provider.type())) {
                connectors.add(new Loaded(provider.get(), source));
            }
        }
        for (ServiceLoader.Provider<ConnectorProvider> provider
                : ServiceLoader.load(ConnectorProvider.class, loader).stream().toList()) {
            if (!own.test(provider.type())) {
                continue;
            }
            String what = source + ": connector provider " + provider.type().getName();
            List<Connector> made;
            try {
                made = provider.get().connectors(settings);
            } catch (RuntimeException e) {
                throw new LoadFailure(what + " failed: " + e.getMessage(), e);
            }
            if (made == null) {
                throw new LoadFailure(what + " returned no list of connectors", null);
            }
            made.forEach(c -> connectors.add(new Loaded(c, what)));
        }
        return connectors;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new LoadFailure("plug-in " + jar.getFileName() + " has no usable path", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
