package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.institution.InstitutionSource;
import dev.openagg.threads.Daemons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scenario files of a folder ({@code OPENAGG_SCENARIOS_DIR}), visible to every client. Read at start and again
 * whenever a file changes (the folder is looked at every second), without a restart. A file with a mistake is
 * logged with its name and the JSON path of each problem, and the version of that file read before stays in force.
 * Each node reads its own folder: give every node the same files.
 */
public final class ScenarioFolder implements InstitutionSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioFolder.class);

    private final Path folder;
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<Path, Seen> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Daemons.named("scenario-files"));

    private record Loaded(String code, ScenarioConnector connector) {
    }

    /** When a file was last looked at, so that an unchanged file is not read again. */
    private record Seen(FileTime modified, long size) {
    }

    public ScenarioFolder(Path folder) {
        this.folder = folder;
    }

    /**
     * Reads the folder now, then every {@code every}. {@code clash} says why a code is taken outside this folder.
     */
    public void watch(Duration every, Function<String, Optional<String>> clash) {
        scan(clash);
        watcher.scheduleWithFixedDelay(() -> {
            try {
                scan(clash);
            } catch (RuntimeException e) {
                LOG.error("reading the scenario folder {} failed", folder, e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every file that is new or has changed, and forgets files that are gone. */
    synchronized void scan(Function<String, Optional<String>> clash) {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> ScenarioText.isScenarioFile(p.getFileName().toString()) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::getFileName)).toList();
        } catch (IOException e) {
            LOG.warn("cannot read the scenario folder {}: {}", folder, e.toString());
            return;
        }
        Set<Path> present = new HashSet<>(files);
        loaded.keySet().removeIf(p -> {
            boolean gone = !present.contains(p);
            if (gone) {
                LOG.info("scenario file {} was removed; its institution is no longer offered", p.getFileName());
            }
            return gone;
        });
        seen.keySet().retainAll(present);
        for (Path file : files) {
            try {
                Seen now = new Seen(Files.getLastModifiedTime(file), Files.size(file));
                if (!now.equals(seen.put(file, now))) {
                    load(file, clash);
                }
            } catch (IOException e) {
                LOG.warn("cannot read scenario file {}: {}", file.getFileName(), e.toString());
            }
        }
    }

    private void load(Path file, Function<String, Optional<String>> clash) throws IOException {
        String name = file.getFileName().toString();
        ScenarioReader.Result result;
        try {
            result = ScenarioReader.read(ScenarioText.parse(Files.readString(file, StandardCharsets.UTF_8), name),
                    code -> clash.apply(code).or(() -> otherFile(file, code)));
        } catch (JsonProcessingException e) {
            result = new ScenarioReader.Result.Invalid(List.of("$: " + ScenarioText.problem(e)));
        }
        if (result instanceof ScenarioReader.Result.Invalid invalid) {
            String kept = loaded.containsKey(file) ? "; its previous version stays in force" : "; it is not loaded";
            invalid.problems().forEach(p -> LOG.warn("scenario file {}: {}{}", name, p, kept));
            return;
        }
        Scenario scenario = ((ScenarioReader.Result.Valid) result).scenario();
        loaded.put(file, new Loaded(scenario.institution().code(), new ScenarioConnector(scenario)));
        LOG.info("scenario file {} serves institution {}", name, scenario.institution().code());
    }

    private Optional<String> otherFile(Path file, String code) {
        return loaded.entrySet().stream().filter(e -> !e.getKey().equals(file) && e.getValue().code().equals(code))
                .findFirst().map(e -> code + " is already the code of scenario file " + e.getKey().getFileName());
    }

    private Stream<ScenarioConnector> connectors() {
        return loaded.values().stream().map(Loaded::connector);
    }

    @Override
    public Optional<Connector> connector(String code) {
        return connectors().filter(c -> c.institution().code().equals(code)).findFirst().map(Connector.class::cast);
    }

    @Override
    public List<InstitutionInfo> visibleTo(String clientId) {
        return connectors().map(ScenarioConnector::institution).toList();
    }

    @Override
    public Optional<InstitutionInfo> visibleTo(String clientId, String code) {
        return connector(code).map(Connector::institution);
    }

    @Override
    public boolean holds(String code) {
        return connector(code).isPresent();
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
