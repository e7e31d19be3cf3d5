package dev.openagg.support;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** Users and MX Bank members written straight into the database, as another version or a bulk load left them. */
public final class StoredRows {
    private StoredRows() {
    }

    public static void user(Handle h, String guid, Instant now) {
        h.createUpdate("""
                        INSERT INTO app_user (guid, client_id, id, is_disabled, created_at, updated_at)
                        VALUES (:guid, :client, :guid, FALSE, :now, :now)""")
                .bind("guid", guid).bind("client", TestServer.CLIENT_ID).bind("now", now).execute();
    }

    /** A member in {@code status}; {@code job} is its most recent job, which {@code running} says is running. */
    public static void member(Handle h, String guid, String user, String status, boolean running, String job, Instant now) {
        h.createUpdate("""
                        INSERT INTO member (guid, user_guid, client_id, user_id, institution_code,
                          background_aggregation_is_disabled, connection_status, is_being_aggregated, is_authenticated,
                          has_processed_accounts, has_processed_transactions, has_processed_account_numbers,
                          failed_logins, most_recent_job_guid, version, created_at, updated_at)
                        SELECT :guid, :user, u.client_id, u.id, 'mxbank', FALSE, :status, :running, FALSE, FALSE, FALSE,
                          FALSE, 0, :job, 3, :now, :now FROM app_user u WHERE u.guid = :user""")
                .bind("guid", guid).bind("user", user).bind("status", status).bind("running", running)
                .bind("job", job).bind("now", now)
                .execute();
    }

    /** {@link #member} as versions before schema 28 stored it, without its user's client and id. */
    public static void memberBeforeV28(Handle h, String guid, String user, String status, boolean running, String job,
                                       Instant now) {
        h.createUpdate("""
                        INSERT INTO member (guid, user_guid, institution_code, background_aggregation_is_disabled,
                          connection_status, is_being_aggregated, is_authenticated, has_processed_accounts,
                          has_processed_transactions, has_processed_account_numbers, failed_logins,
                          most_recent_job_guid, version, created_at, updated_at)
                        VALUES (:guid, :user, 'mxbank', FALSE, :status, :running, FALSE, FALSE, FALSE, FALSE, 0, :job,
                          3, :now, :now)""")
                .bind("guid", guid).bind("user", user).bind("status", status).bind("running", running)
                .bind("job", job).bind("now", now)
                .execute();
    }

    /** The member's MX Bank login and password, stored as given (plain text, or already sealed). */
    public static void credentials(Handle h, String member, String login, String password) {
        String[][] credentials = {{Flow.LOGIN, "LOGIN", login}, {Flow.PASSWORD, "PASSWORD", password}};
        for (String[] credential : credentials) {
            h.createUpdate("""
                            INSERT INTO member_credential (member_guid, credential_guid, field_name, secret)
                            VALUES (:member, :guid, :field, :value)""")
                    .bind("member", member).bind("guid", credential[0]).bind("field", credential[1])
                    .bind("value", credential[2])
                    .execute();
        }
    }
}
