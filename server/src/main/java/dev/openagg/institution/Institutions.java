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

/**
 * Every institution OpenAgg can reach, each served by its connector: the built-in ones and plug-ins, fixed at start,
 * and those of {@link InstitutionSource}s (scenario files, institutions registered through the API), which change
 * while the server runs. The one way to look an institution up: {@link #find} for a member's institution (any
 * client's), {@link #findFor} and {@link #allFor} for what a client may see and use.
 */
public final class Institutions {
    private final Map<String, Connector> byCode;
    private final List<InstitutionSource> sources;

    private Institutions(Map<String, Connector> byCode, List<InstitutionSource> sources) {
        this.byCode = byCode;
        this.sources = List.copyOf(sources);
    }

    /**
     * The institutions of these connectors. A connector whose {@code institution()} fails or is invalid, or two
     * connectors claiming one code, throw a {@link Plugins.LoadFailure} naming where each connector came from.
     */
    public Institutions(List<Plugins.Loaded> connectors) {
        this.byCode = new LinkedHashMap<>();
        this.sources = List.of();
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

    /** These institutions and those of {@code more}, consulted after the built-in ones in this order. */
    public Institutions with(List<InstitutionSource> more) {
        List<InstitutionSource> all = new ArrayList<>(sources);
        all.addAll(more);
        return new Institutions(byCode, all);
    }

    /** The connector of the institution {@code code}, for any client (a member's, or a job's). */
    public Optional<Connector> connector(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Connector builtIn = byCode.get(code);
        if (builtIn != null) {
            return Optional.of(builtIn);
        }
        return sources.stream().map(s -> s.connector(code)).flatMap(Optional::stream).findFirst();
    }

    /**
     * What the connector of {@code code} finds wrong with these credentials (by field name) before a member is saved;
     * empty when its connector checks none ({@link CredentialRules}).
     */
    public List<String> credentialProblems(String code, Map<String, String> credentials) {
        return connector(code).filter(CredentialRules.class::isInstance)
                .map(c -> ((CredentialRules) c).problems(credentials)).orElse(List.of());
    }

    /** What {@code choice} on the consent page of {@code code} comes to; empty for MX's usual outcome. */
    public Optional<ConsentOutcomes.Ending> consentOutcome(String code, ConsentOutcomes.Choice choice) {
        return connector(code).filter(ConsentOutcomes.class::isInstance)
                .flatMap(c -> ((ConsentOutcomes) c).consentOutcome(choice));
    }

    /** A member's institution, whoever may see it now; see {@link InstitutionSource#connector}. */
    public Optional<InstitutionInfo> find(String code) {
        return connector(code).map(Connector::institution);
    }

    /** The institution {@code code} if {@code clientId} may see it and create members at it. */
    public Optional<InstitutionInfo> findFor(String clientId, String code) {
        if (code == null) {
            return Optional.empty();
        }
        Connector builtIn = byCode.get(code);
        if (builtIn != null) {
            return Optional.of(builtIn.institution());
        }
        return sources.stream().map(s -> s.visibleTo(clientId, code)).flatMap(Optional::stream).findFirst();
    }

    /** The built-in and plug-in institutions, fixed at start. */
    public List<InstitutionInfo> all() {
        return byCode.values().stream().map(Connector::institution).toList();
    }

    /** Every institution {@code clientId} may see, by name. */
    public List<InstitutionInfo> allFor(String clientId) {
        List<InstitutionInfo> all = new ArrayList<>(all());
        sources.forEach(s -> all.addAll(s.visibleTo(clientId)));
        all.sort(Comparator.comparing(InstitutionInfo::name).thenComparing(InstitutionInfo::code));
        return all;
    }

    /** Institutions {@code clientId} may see whose name or code contains {@code name}, ignoring case; all for blank. */
    public List<InstitutionInfo> namedFor(String clientId, String name) {
        if (name == null || name.isBlank()) {
            return allFor(clientId);
        }
        String needle = name.trim().toLowerCase(Locale.ROOT);
        return allFor(clientId).stream().filter(i -> i.name().toLowerCase(Locale.ROOT).contains(needle)
                || i.code().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    /**
     * Why {@code code} cannot be given to a new institution of {@code asking}: a built-in institution has it, or
     * another source holds it. Empty when it is free there.
     */
    public Optional<String> clash(String code, InstitutionSource asking) {
        if (byCode.containsKey(code)) {
            return Optional.of(code + " is the code of a built-in institution");
        }
        return sources.stream().filter(s -> s != asking && s.holds(code)).findFirst()
                .map(s -> code + " is already the code of another institution");
    }
}
