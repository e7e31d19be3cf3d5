package dev.openagg.institution;

import dev.openagg.connector.Connector;
import dev.openagg.connector.InstitutionInfo;
import java.util.List;
import java.util.Optional;

/**
 * Institutions that come and go while the server runs (scenario files, institutions registered through the API),
 * as opposed to the connectors fixed at start. Codes are unique across every source and the built-in institutions.
 */
public interface InstitutionSource {

    /**
     * The connector serving {@code code}, for any client: members are already scoped to their client, and a member
     * must keep resolving its institution (to be shown, to run its jobs) even after the institution is withdrawn.
     */
    Optional<Connector> connector(String code);

    /** The institutions {@code clientId} may see and create members at. */
    List<InstitutionInfo> visibleTo(String clientId);

    /** The institution {@code code}, if {@code clientId} may see it. */
    Optional<InstitutionInfo> visibleTo(String clientId, String code);

    /** Whether this source holds {@code code} for anyone, withdrawn or not: the code is then taken. */
    boolean holds(String code);
}
