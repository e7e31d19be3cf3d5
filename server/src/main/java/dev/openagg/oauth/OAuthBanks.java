package dev.openagg.oauth;

import dev.openagg.connector.Connector;
import dev.openagg.connector.ConnectorProvider;
import dev.openagg.connector.Settings;
import dev.openagg.scenario.BuiltInScenario;
import java.util.List;

/**
 * The built-in OAuth test institutions of MX's integration environment, MX Bank (OAuth) and MXCU (OAuth): scenario
 * files in the jar with {@code "oauth": true}, bringing back MX Bank's generated data once the end user authorises.
 */
public final class OAuthBanks implements ConnectorProvider {
    public static final String MX_BANK = "mx_bank_oauth";
    public static final String MXCU = "mxcu_oauth";

    @Override
    public List<Connector> connectors(Settings settings) {
        return List.of(BuiltInScenario.load(MX_BANK + ".json"), BuiltInScenario.load(MXCU + ".json"));
    }
}
