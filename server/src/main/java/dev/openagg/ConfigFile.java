package dev.openagg;

import dev.openagg.cli.Defaults;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where a setting that is not given as a flag comes from: its environment variable, else the config file, else the
 * built-in default. The config file ({@code --config FILE} or {@code OPENAGG_CONFIG}) is a properties file whose
 * keys are the environment variables' names, which each flag names ({@link dev.openagg.cli.Flag#variable()}).
 */
final class ConfigFile implements Defaults {
    static final String VARIABLE = "OPENAGG_CONFIG";
    private static final String FLAG = "--config";

    private final Map<String, String> environment;
    private final Properties file;
    private final Path path;

    private ConfigFile(Map<String, String> environment, Properties file, Path path) {
        this.environment = environment;
        this.file = file;
        this.path = path;
    }

    /** Reads the file named by {@code --config} in {@code args}, or else by {@code OPENAGG_CONFIG}, if either is set. */
    static ConfigFile load(String[] args, Map<String, String> environment) {
        String named = environment.get(VARIABLE);
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(FLAG) && i + 1 < args.length) {
                named = args[i + 1];
            } else if (args[i].startsWith(FLAG + "=")) {
                named = args[i].substring(FLAG.length() + 1);
            }
        }
        Properties file = new Properties();
        if (named == null || named.isBlank()) {
            return new ConfigFile(environment, file, null);
        }
        Path path = Path.of(named);
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + path, e);
        }
        return new ConfigFile(environment, file, path);
    }

    @Override
    public String value(String variable) {
        return isInEnvironment(variable) ? environment.get(variable) : file.getProperty(variable);
    }

    @Override
    public String origin(String variable) {
        return isInEnvironment(variable) ? variable : variable + " in " + path;
    }

    /** Whether the environment sets {@code variable}: a blank value counts as unset, and the file is read instead. */
    private boolean isInEnvironment(String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }

    /**
     * Keys of the config file that no flag ({@code variables}) and no connector provider on the class path knows: a
     * misspelt setting must not be silently ignored.
     */
    Set<String> unknownKeys(Set<String> variables, Set<String> providerSettings) {
        Set<String> unknown = new TreeSet<>(file.stringPropertyNames());
        unknown.removeAll(variables);
        unknown.removeAll(providerSettings);
        unknown.remove(VARIABLE);
        return unknown;
    }

    /**
     * The values connector providers may read: the file's keys, overridden by every {@code OPENAGG_*} environment
     * variable (the file holds only names some option or provider knows, see {@link #unknownKeys}).
     */
    Map<String, String> connectorSettings() {
        Map<String, String> values = new TreeMap<>();
        file.stringPropertyNames().forEach(k -> values.put(k, file.getProperty(k)));
        environment.forEach((k, v) -> {
            if (k.startsWith("OPENAGG_")) {
                values.put(k, v);
            }
        });
        return values;
    }

    Path path() {
        return path;
    }
}
