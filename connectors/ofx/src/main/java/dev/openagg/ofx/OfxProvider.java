package dev.openagg.ofx;

import dev.openagg.connector.Connector;
import dev.openagg.connector.ConnectorProvider;
import dev.openagg.connector.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The institutions of the file named by {@code OPENAGG_OFX_INSTITUTIONS}, one connector each; none when the
 * setting is absent. A file that cannot be used stops the server's start with a message naming the entry and field.
 */
public final class OfxProvider implements ConnectorProvider {
    /** The setting that names the institutions file. */
    public static final String SETTING = "OPENAGG_OFX_INSTITUTIONS";

    @Override
    public List<Connector> connectors(Settings settings) {
        return settings.get(SETTING)
                .map(file -> InstitutionsFile.read(Path.of(file)).stream().<Connector>map(OfxConnector::new).toList())
                .orElse(List.of());
    }

    @Override
    public Set<String> settingNames() {
        return Set.of(SETTING);
    }
}
