package dev.openagg.institution;

import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** Every institution OpenAgg can reach, each served by its connector. */
public final class Institutions {
    private final Map<String, Connector> byCode = new LinkedHashMap<>();

    public Institutions(List<Connector> connectors) {
        connectors.stream()
                .sorted(Comparator.comparing(c -> c.institution().name()))
                .forEach(c -> {
                    if (byCode.putIfAbsent(c.institution().code(), c) != null) {
                        throw new IllegalStateException("two connectors serve institution " + c.institution().code());
                    }
                });
    }

    /** The connectors on the class path, including jars dropped beside OpenAgg's. */
    public static Institutions discover() {
        return new Institutions(ServiceLoader.load(Connector.class).stream().map(ServiceLoader.Provider::get).toList());
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
