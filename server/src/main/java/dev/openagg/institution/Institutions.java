package dev.openagg.institution;

import dev.openagg.connector.Connector;
import dev.openagg.connector.ConnectorProvider;
import dev.openagg.connector.Settings;
import dev.openagg.connector.InstitutionInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Every institution OpenAgg can reach, each served by its connector. */
public final class Institutions {
    private final Map<String, Connector> byCode = new LinkedHashMap<>();

    /**
     * The institutions of these connectors. A connector whose {@code institution()} fails or is invalid, or two
     * connectors claiming one code, throw a {@link Plugins.LoadFailure} naming where each connector came from.
     */
    public Institutions(List<Plugins.Loaded> connectors) {
        Map<String, String> sources = new HashMap<>();
        List<Map.Entry<InstitutionInfo, Connector>> valid = new ArrayList<>();
        for (Plugins.Loaded loaded : connectors) {
            InstitutionInfo info = institution(loaded);
            String earlier = sources.putIfAbsent(info.code(), loaded.source());
            if (earlier != null) {
                throw new Plugins.LoadFailure(loaded.source() + ": institution code " + info.code()
                        + " is already served by " + earlier, null);
            }
            valid.add(Map.entry(info, loaded.connector()));
        }
        valid.stream()
                .sorted(Comparator.comparing(e -> e.getKey().name()))
                .forEach(e -> byCode.put(e.getKey().code(), e.getValue()));
    }

    private static InstitutionInfo institution(Plugins.Loaded loaded) {
        String what = loaded.source() + ": connector " + loaded.connector().getClass().getName();
        InstitutionInfo info;
        try {
            info = loaded.connector().institution();
        } catch (RuntimeException e) {
            throw new Plugins.LoadFailure(what + " failed in institution(): " + e, e);
        }
        if (info == null) {
            throw new Plugins.LoadFailure(what + " returned no institution", null);
        }
        List<String> problems = InstitutionCheck.problems(info);
        if (!problems.isEmpty()) {
            throw new Plugins.LoadFailure(what + " has an invalid institution: " + String.join("; ", problems), null);
        }
        return info;
    }

    /** The connectors built in or on the class path, with no settings for connector providers. */
    public static Institutions discover() {
        return discover(Optional.empty(), Settings.of(Map.of()));
    }

    /**
     * The connectors built in or on the class path, and those of the plug-in jars in {@code pluginsDir}: plain
     * {@link Connector}s, and those each {@link ConnectorProvider} makes from {@code settings}.
     */
    public static Institutions discover(Optional<Path> pluginsDir, Settings settings) {
        List<Plugins.Loaded> all = new ArrayList<>(Plugins.fromLoader(Institutions.class.getClassLoader(),
                loader -> true, "the class path", settings));
        pluginsDir.map(dir -> Plugins.load(dir, settings)).ifPresent(all::addAll);
        return new Institutions(all);
    }

    /** The names of the settings the connector providers on the class path read, which a config file may hold. */
    public static Set<String> providerSettingNames() {
        Set<String> names = new TreeSet<>();
        ServiceLoader.load(ConnectorProvider.class, Institutions.class.getClassLoader()).stream()
                .forEach(p -> names.addAll(p.get().settingNames()));
        return names;
    }

    public Optional<Connector> connector(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public Optional<InstitutionInfo> find(String code) {
        return connector(code).map(Connector::institution);
    }

    public List<InstitutionInfo> all() {
        return byCode.values().stream().map(Connector::institution).toList();
    }

    /** Institutions whose name or code contains {@code name}, ignoring case; all of them for a blank name. */
    public List<InstitutionInfo> named(String name) {
        if (name == null || name.isBlank()) {
            return all();
        }
        String needle = name.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(i -> i.name().toLowerCase(Locale.ROOT).contains(needle)
                || i.code().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }
}
