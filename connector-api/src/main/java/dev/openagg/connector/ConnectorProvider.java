package dev.openagg.connector;

import java.util.List;
import java.util.Set;

/**
 * Makes connectors from configuration, for a jar that serves many institutions the same way (one protocol, many
 * banks): each {@link Connector} it returns is one institution. Found with {@link java.util.ServiceLoader} beside
 * plain connectors, on the class path or in a plug-in jar that lists the implementation in
 * {@code META-INF/services/dev.openagg.connector.ConnectorProvider}; the class needs a public no-argument
 * constructor.
 *
 * <p>{@link #connectors} is called once, when the server starts, before it touches its database. The connectors it
 * returns are checked like any other (valid institution, a code no other connector serves); a problem, or an
 * exception thrown here, stops the start with a message that names the provider, so throw with a message that
 * says what is wrong in the configuration and where (for example the file, the entry and the field).
 */
public interface ConnectorProvider {

    /** The connectors for this configuration; an empty list when the provider is not configured. */
    List<Connector> connectors(Settings settings);

    /**
     * The names of the settings this provider reads. The server accepts them in its config file, which otherwise
     * refuses names it does not know. Settings of a provider in a plug-in jar are read from the environment only,
     * since the config file is checked before plug-ins load.
     */
    default Set<String> settingNames() {
        return Set.of();
    }
}
