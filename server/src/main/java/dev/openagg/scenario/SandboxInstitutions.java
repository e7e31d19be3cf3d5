package dev.openagg.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import dev.openagg.db.Database;
import dev.openagg.institution.InstitutionSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test institutions registered by clients through {@code /sandbox/institutions}, stored in the database so every
 * node serves them, each visible to the client that registered it only.
 *
 * <p>Each node keeps the scenarios it has parsed, by code and row version. Every lookup reads the row's version
 * (one primary-key read; built-in institutions never get here), and parses the stored scenario again only when the
 * version changed: a change made through any node is seen by every node at its next lookup, with no time window
 * and no message between nodes.
 *
 * <p>Deleting an institution withdraws it (its client no longer sees it, nor can create members at it) but keeps
 * its row, so members already made at it still render and run; registering the same code again brings it back.
 */
public final class SandboxInstitutions implements InstitutionSource {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxInstitutions.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    public SandboxInstitutions(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    private record Parsed(long version, ScenarioConnector connector) {
    }

    private record Row(String code, String clientId, boolean deleted, long version) {
    }

    /** What a registration, change or deletion came to. */
    public sealed interface Change {
        /** Saved; {@code document} is the scenario as stored. */
        record Saved(JsonNode document) implements Change {
        }

        /** Refused, with every problem and its JSON path. */
        record Invalid(List<String> problems) implements Change {
        }

        /** The client has no such institution. */
        record NotFound() implements Change {
        }
    }

    /**
     * Registers a new institution for {@code clientId}. {@code clash} says why a code is taken elsewhere (built-in,
     * scenario file).
     */
    public Change register(String clientId, JsonNode document, Function<String, Optional<String>> clash) {
        ScenarioReader.Result result = ScenarioReader.read(document, code -> clash.apply(code)
                .or(() -> row(code).filter(r -> !r.clientId().equals(clientId) || !r.deleted())
                        .map(r -> code + " already exists" + (r.clientId().equals(clientId)
                                ? "; change it with PUT /sandbox/institutions/" + code : ""))));
        if (result instanceof ScenarioReader.Result.Invalid invalid) {
            return new Change.Invalid(invalid.problems());
        }
        InstitutionInfo info = ((ScenarioReader.Result.Valid) result).scenario().institution();
        Instant now = clock.instant();
        try {
            jdbi.useTransaction(h -> {
                int revived = h.createUpdate("""
                                UPDATE sandbox_institution SET name = :name, scenario = :scenario, deleted = FALSE,
                                  version = version + 1, updated_at = :now
                                WHERE code = :code AND client_id = :client AND deleted = TRUE""")
                        .bind("name", info.name()).bind("scenario", document.toString()).bind("now", now)
                        .bind("code", info.code()).bind("client", clientId).execute();
                if (revived == 0) {
                    h.createUpdate("""
                                    INSERT INTO sandbox_institution (code, client_id, name, scenario, deleted, version,
                                      created_at, updated_at)
                                    VALUES (:code, :client, :name, :scenario, FALSE, 1, :now, :now)""")
                            .bind("code", info.code()).bind("client", clientId).bind("name", info.name())
                            .bind("scenario", document.toString()).bind("now", now).execute();
                }
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            return new Change.Invalid(List.of("$.institution.code: " + info.code() + " already exists"));
        }
        return new Change.Saved(document);
    }

    /** Replaces the scenario of the client's institution {@code code}; the document must keep that code. */
    public Change replace(String clientId, String code, JsonNode document, Function<String, Optional<String>> clash) {
        if (visibleRow(clientId, code).isEmpty()) {
            return new Change.NotFound();
        }
        ScenarioReader.Result result = ScenarioReader.read(document, given -> given.equals(code) ? clash.apply(given)
                : Optional.of("must be " + code + ", the code of the institution being changed"));
        if (result instanceof ScenarioReader.Result.Invalid invalid) {
            return new Change.Invalid(invalid.problems());
        }
        InstitutionInfo info = ((ScenarioReader.Result.Valid) result).scenario().institution();
        int changed = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE sandbox_institution SET name = :name, scenario = :scenario, version = version + 1,
                          updated_at = :now
                        WHERE code = :code AND client_id = :client AND deleted = FALSE""")
                .bind("name", info.name()).bind("scenario", document.toString()).bind("now", clock.instant())
                .bind("code", code).bind("client", clientId).execute());
        return changed == 1 ? new Change.Saved(document) : new Change.NotFound();
    }

    /** Withdraws the client's institution {@code code}; its members keep working. False when there is none. */
    public boolean delete(String clientId, String code) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE sandbox_institution SET deleted = TRUE, version = version + 1, updated_at = :now
                        WHERE code = :code AND client_id = :client AND deleted = FALSE""")
                .bind("now", clock.instant()).bind("code", code).bind("client", clientId).execute()) == 1;
    }

    /** The scenarios the client has registered, by name. */
    public List<JsonNode> documents(String clientId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT scenario FROM sandbox_institution WHERE client_id = :client AND deleted = FALSE
                        ORDER BY name, code""")
                .bind("client", clientId).mapTo(String.class).list()).stream().map(SandboxInstitutions::tree).toList();
    }

    /** The scenario of the client's institution {@code code}. */
    public Optional<JsonNode> document(String clientId, String code) {
        return visibleRow(clientId, code).flatMap(r -> scenarioText(code)).map(SandboxInstitutions::tree);
    }

    @Override
    public Optional<Connector> connector(String code) {
        return row(code).flatMap(this::parsed);
    }

    @Override
    public List<InstitutionInfo> visibleTo(String clientId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT code, client_id, deleted, version FROM sandbox_institution
                        WHERE client_id = :client AND deleted = FALSE""")
                .bind("client", clientId).map((rs, c) -> new Row(rs.getString("code"), rs.getString("client_id"),
                        rs.getBoolean("deleted"), rs.getLong("version"))).list()).stream()
                .map(this::parsed).flatMap(Optional::stream).map(Connector::institution).toList();
    }

    @Override
    public Optional<InstitutionInfo> visibleTo(String clientId, String code) {
        return visibleRow(clientId, code).flatMap(this::parsed).map(Connector::institution);
    }

    @Override
    public boolean holds(String code) {
        return row(code).isPresent();
    }

    private Optional<Row> visibleRow(String clientId, String code) {
        return row(code).filter(r -> r.clientId().equals(clientId) && !r.deleted());
    }

    private Optional<Row> row(String code) {
        return jdbi.withHandle(h -> row(h, code));
    }

    private static Optional<Row> row(Handle h, String code) {
        return h.createQuery("SELECT code, client_id, deleted, version FROM sandbox_institution WHERE code = :code")
                .bind("code", code)
                .map((rs, c) -> new Row(rs.getString("code"), rs.getString("client_id"), rs.getBoolean("deleted"),
                        rs.getLong("version")))
                .findOne();
    }

    private Optional<String> scenarioText(String code) {
        return jdbi.withHandle(h -> h.createQuery("SELECT scenario FROM sandbox_institution WHERE code = :code")
                .bind("code", code).mapTo(String.class).findOne());
    }

    /** The parsed scenario of the row, parsed again only when the row's version is not the one parsed. */
    private Optional<Connector> parsed(Row row) {
        Parsed known = parsed.get(row.code());
        if (known != null && known.version() >= row.version()) {
            return Optional.of(known.connector());
        }
        Optional<ScenarioConnector> fresh = scenarioText(row.code()).flatMap(text -> {
            ScenarioReader.Result result = ScenarioReader.read(tree(text), code -> Optional.empty());
            if (result instanceof ScenarioReader.Result.Invalid invalid) {
                LOG.error("stored scenario of institution {} no longer reads: {}", row.code(), invalid.problems());
                return Optional.empty();
            }
            return Optional.of(new ScenarioConnector(((ScenarioReader.Result.Valid) result).scenario()));
        });
        fresh.ifPresent(c -> parsed.merge(row.code(), new Parsed(row.version(), c),
                (a, b) -> a.version() >= b.version() ? a : b));
        return fresh.map(Connector.class::cast);
    }

    private static JsonNode tree(String text) {
        try {
            return ScenarioText.parse(text, "stored.json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored scenario is not JSON", e);
        }
    }
}
