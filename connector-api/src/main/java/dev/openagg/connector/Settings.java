package dev.openagg.connector;

import java.util.Map;
import java.util.Optional;

/**
 * The server's settings as a {@link ConnectorProvider} sees them: values by their {@code OPENAGG_*} name, from the
 * environment or else from the server's config file (the environment wins, as for the server's own settings).
 */
public interface Settings {

    /** The value of the setting {@code name} (for example {@code OPENAGG_OFX_INSTITUTIONS}), if it is set and not blank. */
    Optional<String> get(String name);

    /** Settings read from a map, for tests and for the server. */
    static Settings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return name -> Optional.ofNullable(copy.get(name)).filter(v -> !v.isBlank());
    }
}
