package dev.openagg.institution;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * A plug-in jar's class loader: the plug-in's own classes first, so it can bring its own versions of libraries;
 * the JDK, the connector API and SLF4J (so a plug-in logs through the server's logging) always from OpenAgg.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SHARED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.openagg.connector.", "org.slf4j.");

    PluginClassLoader(String name, URL jar, ClassLoader parent) {
        super(name, new URL[] {jar}, parent);
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (SHARED.stream().anyMatch(className::startsWith)) {
            return super.loadClass(className, resolve);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> loaded = findLoadedClass(className);
            if (loaded == null) {
                try {
                    loaded = findClass(className);
                } catch (ClassNotFoundException notInJar) {
                    loaded = getParent().loadClass(className);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** Resources (the services file among them) come from the plug-in's jar first, too. */
    @Override
    public URL getResource(String resource) {
        URL own = findResource(resource);
        return own != null ? own : super.getResource(resource);
    }
}
