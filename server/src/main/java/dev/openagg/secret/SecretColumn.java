package dev.openagg.secret;

import java.util.List;

/**
 * A database column that holds encrypted secrets, and the columns that identify its row. A secret's associated data
 * is {@code table.column:key/key}, so it decrypts only in the row and column it was written for; the same text
 * names the secret in error messages, and holds nothing secret.
 */
public record SecretColumn(String table, String column, List<String> keyColumns) {

    /** A member's credential values (a bank username, a password). */
    public static final SecretColumn MEMBER_CREDENTIAL =
            new SecretColumn("member_credential", "secret", List.of("member_guid", "credential_guid"));
    /** The password a webhook sends to its receiver with HTTP Basic. */
    public static final SecretColumn WEBHOOK_PASSWORD = new SecretColumn("webhook", "password", List.of("guid"));
    /** The key a webhook signs its deliveries with. */
    public static final SecretColumn WEBHOOK_SECRET = new SecretColumn("webhook", "secret", List.of("guid"));
    /** MFA answers, kept on the job row between {@code PUT .../resume} and the step that takes them. */
    public static final SecretColumn JOB_ANSWERS = new SecretColumn("job", "answers", List.of("guid"));

    /** Every encrypted column: what the upgrade encrypts, the start-up check reads and a rotation re-encrypts. */
    public static final List<SecretColumn> ALL =
            List.of(MEMBER_CREDENTIAL, WEBHOOK_PASSWORD, WEBHOOK_SECRET, JOB_ANSWERS);

    public SecretColumn {
        keyColumns = List.copyOf(keyColumns);
    }

    /** The associated data of this column's secret in the row with these key values, in {@link #keyColumns} order. */
    public String aad(String... keyValues) {
        if (keyValues.length != keyColumns.size()) {
            throw new IllegalArgumentException(this + " is keyed by " + keyColumns);
        }
        return table + "." + column + ":" + String.join("/", keyValues);
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
