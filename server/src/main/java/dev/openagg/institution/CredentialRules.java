package dev.openagg.institution;

import java.util.List;
import java.util.Map;

/**
 * Implemented by a connector whose credentials carry rules it can check before a member is saved (Custom Scenario
 * Bank's password holds the member's scenario), so a mistake is refused with a 422 when the client sends it instead
 * of failing the member's job later.
 */
public interface CredentialRules {

    /**
     * What is wrong with these credentials (by field name: all of a new member's, or just those an update changes),
     * one message each, naming the field; empty when nothing is. A message never quotes a credential a member would
     * keep secret.
     */
    List<String> problems(Map<String, String> credentials);
}
