package dev.openagg.member;

import dev.openagg.api.Identifier;
import dev.openagg.api.Page;
import dev.openagg.connector.ConnectionStatus;
import dev.openagg.db.Database;
import dev.openagg.db.DropHarvestForeignKeys;
import dev.openagg.engine.MemberStatus;
import dev.openagg.secret.Keyring;
import dev.openagg.secret.SecretColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Members and their credentials, whose values are stored encrypted ({@link SecretColumn#MEMBER_CREDENTIAL}). Reads
 * are scoped by client through the client each member row carries, copied from its owning user.
 */
public final class MemberStore {
    /**
     * The columns {@link #map} reads, by position: a lookup by name costs H2 a map and a string per column. The row
     * carries its user's client and id ({@code V28}), so a member is read from one table.
     */
    private static final String SELECT = """
            SELECT m.guid, m.user_guid, m.user_id, m.id, m.institution_code, m.metadata,
              m.background_aggregation_is_disabled, m.connection_status, m.is_being_aggregated, m.is_authenticated,
              m.aggregated_at, m.successfully_aggregated_at, m.has_processed_accounts, m.has_processed_transactions,
              m.has_processed_account_numbers, m.failed_logins, m.most_recent_job_guid, m.connection_status_message,
              m.version, m.created_at, m.updated_at, m.client_id
            FROM member m""";
    /**
     * The status poll's lookups: by the member's guid, or by its id within the user, with the user named by guid
     * or (where the path allows it) by guid or id. A member named by id under a user named by guid or id is found
     * through the user's row, whose index by client and id leads to the user's members.
     */
    private static final String BY_GUID = SELECT + " WHERE m.guid = ? AND m.user_guid = ? AND m.client_id = ?";
    private static final String BY_GUID_USER_ID = SELECT
            + " WHERE m.guid = ? AND (m.user_guid = ? OR m.user_id = ?) AND m.client_id = ?";
    private static final String BY_ID = SELECT + " WHERE m.id = ? AND m.user_guid = ? AND m.client_id = ?";
    private static final String BY_ID_USER_ID = SELECT + " JOIN app_user u ON u.guid = m.user_guid"
            + " WHERE m.id = ? AND (u.guid = ? OR u.id = ?) AND u.client_id = ?";

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final Keyring keyring;
    private final BackgroundDue backgroundDue;

    public MemberStore(Jdbi jdbi, DataSource dataSource, Keyring keyring, BackgroundDue backgroundDue) {
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.keyring = keyring;
        this.backgroundDue = backgroundDue;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * The member, if the client owns it. This read serves every status poll, so it is plain JDBC: JDBI's handle and
     * statement set-up cost more than the query itself here.
     */
    public Optional<Member> find(String clientId, String userGuid, String memberGuid) {
        return find(clientId, Identifier.guid(userGuid), Identifier.guid(memberGuid));
    }

    /** The member a path names, each identifier by guid or (where the path allows it) by the client's own id. */
    public Optional<Member> find(String clientId, Identifier user, Identifier member) {
        boolean userId = user.idAllowed();
        return member.find(guid -> findBy(userId ? BY_GUID_USER_ID : BY_GUID, guid, user, clientId),
                id -> findBy(userId ? BY_ID_USER_ID : BY_ID, id, user, clientId));
    }

    private Optional<Member> findBy(String sql, String value, Identifier user, String clientId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            statement.setString(i++, value);
            statement.setString(i++, user.value());
            if (user.idAllowed()) {
                statement.setString(i++, user.value());
            }
            statement.setString(i, clientId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("member lookup failed", e);
        }
    }

    /** The member as it is now, read inside the caller's transaction and locked until it ends. */
    public Optional<Member> lock(Handle h, String memberGuid) {
        return h.createQuery(SELECT + " WHERE m.guid = :guid FOR UPDATE").bind("guid", memberGuid)
                .map((rs, c) -> map(rs)).findOne();
    }

    /** A member by guid alone, for the engine; HTTP reads go through {@link #find}. */
    public Optional<Member> get(Handle h, String memberGuid) {
        return h.createQuery(SELECT + " WHERE m.guid = :guid").bind("guid", memberGuid).map((rs, c) -> map(rs)).findOne();
    }


    public Page.Listing<Member> list(String userGuid, Page page) {
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM member WHERE user_guid = :user")
                    .bind("user", userGuid).mapTo(Long.class).one();
            List<Member> members = h.createQuery(SELECT + " WHERE m.user_guid = :user ORDER BY m.seq LIMIT :limit OFFSET :offset")
                    .bind("user", userGuid)
                    .bind("limit", page.size())
                    .bind("offset", page.offset())
                    .map((rs, c) -> map(rs))
                    .list();
            return page.listing(members, total);
        });
    }

    /**
     * Inserts a member with its credentials; false when the user already has a member with its {@code id}. The
     * member copies its user's client and id from the user's row, locked first: a concurrent change of the user's
     * id, which writes the id to the user's members, then waits for this member or this member for it.
     */
    public boolean insert(Handle h, Member m, List<StoredCredential> credentials) {
        String[] user = h.createQuery("SELECT client_id, id FROM app_user WHERE guid = :guid FOR UPDATE")
                .bind("guid", m.userGuid()).map((rs, c) -> new String[] {rs.getString(1), rs.getString(2)}).one();
        if (m.id() != null && idTaken(h, m.userGuid(), m.id(), m.guid())) {
            return false;
        }
        h.createUpdate("""
                        INSERT INTO member (guid, user_guid, client_id, user_id, id, institution_code, metadata,
                          background_aggregation_is_disabled, connection_status, is_being_aggregated, is_authenticated,
                          has_processed_accounts, has_processed_transactions, has_processed_account_numbers,
                          failed_logins, version, created_at, updated_at, background_due_at)
                        VALUES (:guid, :userGuid, :clientId, :userIdNow, :id, :institutionCode, :metadata,
                          :backgroundAggregationIsDisabled, :status, false, false, false, false, false, 0, 0, :createdAt,
                          :updatedAt, :backgroundDueAt)""")
                .bindMethods(m)
                .bind("clientId", user[0])
                .bind("userIdNow", user[1])
                .bind("status", m.status().connectionStatus().name())
                .bind("backgroundDueAt", backgroundDue.first(m.guid(), m.createdAt()))
                .execute();
        writeCredentials(h, m.guid(), credentials);
        return true;
    }

    /** Saves the client-editable fields; false when the new {@code id} is another member's. */
    public boolean updateDetails(Handle h, Member m) {
        if (m.id() != null && idTaken(h, m.userGuid(), m.id(), m.guid())) {
            return false;
        }
        h.createUpdate("""
                        UPDATE member SET id = :id, metadata = :metadata,
                          background_aggregation_is_disabled = :backgroundAggregationIsDisabled, updated_at = :updatedAt
                        WHERE guid = :guid""")
                .bindMethods(m)
                .execute();
        return true;
    }

    /**
     * Replaces the values of the credentials given; the member's other credentials stay as they are, and what its
     * connector kept is forgotten.
     */
    public void replaceCredentials(Handle h, String memberGuid, List<StoredCredential> credentials) {
        // What a connector kept (an access key, say) belongs to the old credentials.
        h.createUpdate("DELETE FROM member_kept WHERE member_guid = :member").bind("member", memberGuid).execute();
        // A sandbox login reset (README, "Sandbox controls") lasts until new credentials.
        h.createUpdate("DELETE FROM sandbox_login_reset WHERE member_guid = :member").bind("member", memberGuid).execute();
        for (StoredCredential c : credentials) {
            h.createUpdate("DELETE FROM member_credential WHERE member_guid = :member AND credential_guid = :guid")
                    .bind("member", memberGuid)
                    .bind("guid", c.guid())
                    .execute();
        }
        writeCredentials(h, memberGuid, credentials);
    }

    /**
     * Writes a new status if the member is still at the version it was read at; false when another writer moved it
     * first. The member's version goes up by one.
     */
    public boolean saveStatus(Handle h, Member m, MemberStatus s) {
        return h.createUpdate("""
                        UPDATE member SET connection_status = :status, is_being_aggregated = :beingAggregated,
                          is_authenticated = :authenticated, aggregated_at = :aggregatedAt,
                          successfully_aggregated_at = :successfullyAggregatedAt,
                          has_processed_accounts = :accounts, has_processed_transactions = :transactions,
                          has_processed_account_numbers = :accountNumbers, failed_logins = :failedLogins,
                          most_recent_job_guid = :job, connection_status_message = :message, version = version + 1
                        WHERE guid = :guid AND version = :version""")
                .bind("status", s.connectionStatus().name())
                .bind("beingAggregated", s.isBeingAggregated())
                .bind("authenticated", s.isAuthenticated())
                .bind("aggregatedAt", s.aggregatedAt())
                .bind("successfullyAggregatedAt", s.successfullyAggregatedAt())
                .bind("accounts", s.hasProcessedAccounts())
                .bind("transactions", s.hasProcessedTransactions())
                .bind("accountNumbers", s.hasProcessedAccountNumbers())
                .bind("failedLogins", s.failedLogins())
                .bind("job", s.mostRecentJobGuid())
                .bind("message", s.message())
                .bind("guid", m.guid())
                .bind("version", m.version())
                .execute() == 1;
    }

    /**
     * Deletes the member and, by cascade, its credentials, jobs and accounts; then its transactions and holdings, which
     * have no foreign keys (V29). The member's row goes first: a job step that was storing the member's data held
     * that row's lock, so its rows are committed before the next statements look for them, and a step that comes
     * later finds no member to store them for.
     */
    public void delete(Handle h, String memberGuid) {
        h.createUpdate("DELETE FROM member WHERE guid = :guid").bind("guid", memberGuid).execute();
        for (String table : DropHarvestForeignKeys.TABLES) {
            h.createUpdate("DELETE FROM " + table + " WHERE member_guid = :guid").bind("guid", memberGuid).execute();
        }
    }

    /** The member's credential values by field name, decrypted for its connector. */
    public Map<String, String> credentialValues(Handle h, String memberGuid) {
        return h.createQuery("""
                        SELECT credential_guid, field_name, secret FROM member_credential WHERE member_guid = :guid""")
                .bind("guid", memberGuid)
                .map((rs, c) -> Map.entry(rs.getString("field_name"), keyring.open(
                        SecretColumn.MEMBER_CREDENTIAL.aad(memberGuid, rs.getString("credential_guid")),
                        rs.getString("secret"))))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** What the member's connector kept for it at {@code institutionCode} (see {@code Step.Succeeded#keep}). */
    public Map<String, String> keptValues(Handle h, String memberGuid, String institutionCode) {
        return h.createQuery("SELECT name, secret FROM member_kept WHERE member_guid = :guid AND institution_code = :code")
                .bind("guid", memberGuid)
                .bind("code", institutionCode)
                .map((rs, c) -> Map.entry(rs.getString("name"), keyring.open(
                        SecretColumn.MEMBER_KEPT.aad(memberGuid, institutionCode, rs.getString("name")),
                        rs.getString("secret"))))
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Replaces what the member's connector keeps for it at {@code institutionCode}. */
    public void replaceKept(Handle h, String memberGuid, String institutionCode, Map<String, String> kept) {
        h.createUpdate("DELETE FROM member_kept WHERE member_guid = :guid AND institution_code = :code")
                .bind("guid", memberGuid).bind("code", institutionCode).execute();
        kept.forEach((name, value) -> h.createUpdate("""
                        INSERT INTO member_kept (member_guid, institution_code, name, secret)
                        VALUES (:guid, :code, :name, :value)""")
                .bind("guid", memberGuid).bind("code", institutionCode).bind("name", name)
                .bind("value", keyring.seal(SecretColumn.MEMBER_KEPT.aad(memberGuid, institutionCode, name), value))
                .execute());
    }

    /** The guids of the credential fields the member has values for (never the values). */
    public List<String> credentialGuids(String memberGuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT credential_guid FROM member_credential WHERE member_guid = :guid")
                .bind("guid", memberGuid)
                .mapTo(String.class)
                .list());
    }

    private void writeCredentials(Handle h, String memberGuid, List<StoredCredential> credentials) {
        for (StoredCredential c : credentials) {
            h.createUpdate("""
                            INSERT INTO member_credential (member_guid, credential_guid, field_name, secret)
                            VALUES (:member, :guid, :fieldName, :value)""")
                    .bind("member", memberGuid)
                    .bind("guid", c.guid())
                    .bind("fieldName", c.fieldName())
                    .bind("value", keyring.seal(SecretColumn.MEMBER_CREDENTIAL.aad(memberGuid, c.guid()), c.value()))
                    .execute();
        }
    }

    private static boolean idTaken(Handle h, String userGuid, String id, String exceptGuid) {
        return h.createQuery("SELECT COUNT(*) FROM member WHERE user_guid = :user AND id = :id AND guid <> :guid")
                .bind("user", userGuid)
                .bind("id", id)
                .bind("guid", exceptGuid)
                .mapTo(Long.class).one() > 0;
    }

    private static Member map(ResultSet rs) throws SQLException {
        MemberStatus status = new MemberStatus(
                ConnectionStatus.valueOf(rs.getString(8)),
                rs.getBoolean(9),
                rs.getBoolean(10),
                Database.instant(rs, 11),
                Database.instant(rs, 12),
                rs.getBoolean(13),
                rs.getBoolean(14),
                rs.getBoolean(15),
                rs.getInt(16),
                rs.getString(17),
                rs.getString(18));
        return new Member(rs.getString(1), rs.getString(2), rs.getString(22), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getBoolean(7), status, rs.getLong(19), Database.instant(rs, 20),
                Database.instant(rs, 21));
    }

    /** A credential value to store; never printed. */
    public record StoredCredential(String guid, String fieldName, String value) {
        @Override
        public String toString() {
            return "StoredCredential[" + fieldName + "]";
        }
    }
}
