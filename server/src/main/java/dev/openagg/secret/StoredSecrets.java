package dev.openagg.secret;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Every encrypted value in the database, column by column ({@link SecretColumn#ALL}), read a page at a time in key
 * order and written back by key. Plain JDBC, so the same code serves a Flyway migration's connection and a pool.
 */
public final class StoredSecrets {
    private static final int PAGE = 500;
    private static final int DEADLOCK_RETRIES = 5;

    private StoredSecrets() {
    }

    private record Row(List<String> keys, String value) {
        String aad(SecretColumn column) {
            return column.aad(keys.toArray(String[]::new));
        }
    }

    /**
     * Encrypts every value as plain text, inside the caller's transaction: the upgrade from the versions that stored
     * secrets in the clear. Returns how many values it encrypted.
     */
    static int encryptAll(Connection connection, Keyring keyring) throws SQLException {
        int encrypted = 0;
        for (SecretColumn column : SecretColumn.ALL) {
            List<Row> page = page(connection, column, List.of(), null);
            while (!page.isEmpty()) {
                for (Row row : page) {
                    encrypted += replace(connection, column, row, keyring.seal(row.aad(column), row.value()));
                }
                page = page(connection, column, List.of(), page.get(page.size() - 1));
            }
        }
        return encrypted;
    }

    /**
     * Fails unless every stored secret is an envelope under one of the ring's keys: a node started with the wrong key,
     * or without the key a rotation left some rows under, must not start.
     */
    public static void verify(DataSource dataSource, Keyring keyring) {
        try (Connection connection = dataSource.getConnection()) {
            for (SecretColumn column : SecretColumn.ALL) {
                List<Row> stray = rows(connection, column, select(column, keyring.keys()) + " LIMIT 1",
                        keyring.keys(), List.of());
                if (!stray.isEmpty()) {
                    Row row = stray.get(0);
                    String keyId = Keyring.keyId(row.value()).orElse(null);
                    throw new SecretException(keyId == null
                            ? row.aad(column) + " is not encrypted: it was written outside OpenAgg, or by a version "
                                    + "older than the one that encrypts secrets (stop every older node before "
                                    + "upgrading)"
                            : keyring.unknownKey("A secret in the database, " + row.aad(column) + ",", keyId));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the stored secrets failed", e);
        }
    }

    /**
     * Re-encrypts under the current key every secret that is under another key, a page per transaction. A value
     * changed meanwhile by a node is left as that node wrote it (the update is conditional on the value read).
     * Returns how many values it re-encrypted.
     */
    public static int reseal(DataSource dataSource, Keyring keyring) {
        List<MasterKey> current = List.of(keyring.current());
        int resealed = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (SecretColumn column : SecretColumn.ALL) {
                List<Row> page = page(connection, column, current, null);
                while (!page.isEmpty()) {
                    resealed += reseal(connection, column, page, keyring);
                    page = page(connection, column, current, page.get(page.size() - 1));
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("re-encrypting the stored secrets failed", e);
        }
        return resealed;
    }

    /**
     * One page in one transaction. A node's transaction may lock the same rows in another order (a credential update
     * replaces two values); the database then aborts one of the two, and an aborted page is simply tried again.
     */
    private static int reseal(Connection connection, SecretColumn column, List<Row> page, Keyring keyring)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                int resealed = 0;
                for (Row row : page) {
                    String plain = keyring.open(row.aad(column), row.value());
                    resealed += replace(connection, column, row, keyring.seal(row.aad(column), plain));
                }
                connection.commit();
                return resealed;
            } catch (SQLException e) {
                connection.rollback();
                if (attempt == DEADLOCK_RETRIES || !isDeadlock(e)) {
                    throw e;
                }
            }
        }
    }

    /** SQLSTATE 40P01 (PostgreSQL's deadlock) or 40001 (a serialization failure, H2's deadlock). */
    private static boolean isDeadlock(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /** How many stored secrets are not under the current key. */
    public static long notUnderCurrent(DataSource dataSource, Keyring keyring) {
        long count = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (SecretColumn column : SecretColumn.ALL) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM ("
                        + select(column, List.of(keyring.current())) + ") stray")) {
                    statement.setString(1, Keyring.prefix(keyring.current()) + "%");
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        count += rs.getLong(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the stored secrets failed", e);
        }
        return count;
    }

    /** The page of rows after {@code after} (from the first when null), in key order, under none of {@code except}. */
    private static List<Row> page(Connection connection, SecretColumn column, List<MasterKey> except, Row after)
            throws SQLException {
        String keys = String.join(", ", column.keyColumns());
        String sql = select(column, except);
        if (after != null) {
            sql += " AND (" + keys + ") > (" + String.join(", ", Collections.nCopies(after.keys().size(), "?")) + ")";
        }
        return rows(connection, column, sql + " ORDER BY " + keys + " LIMIT " + PAGE, except,
                after == null ? List.of() : after.keys());
    }

    /** Rows whose value is under none of {@code except} (any value when it is empty). */
    private static String select(SecretColumn column, List<MasterKey> except) {
        return "SELECT " + String.join(", ", column.keyColumns()) + ", " + column.column() + " FROM " + column.table()
                + " WHERE " + column.column() + " IS NOT NULL"
                + (" AND " + column.column() + " NOT LIKE ?").repeat(except.size());
    }

    private static List<Row> rows(Connection connection, SecretColumn column, String sql, List<MasterKey> except,
                                  List<String> after) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            for (MasterKey key : except) {
                statement.setString(i++, Keyring.prefix(key) + "%");
            }
            for (String key : after) {
                statement.setString(i++, key);
            }
            List<Row> rows = new ArrayList<>();
            int keys = column.keyColumns().size();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int k = 1; k <= keys; k++) {
                        values.add(rs.getString(k));
                    }
                    rows.add(new Row(values, rs.getString(keys + 1)));
                }
            }
            return rows;
        }
    }

    /** Writes {@code value} over the row's value if it still holds what was read; 1 when it did. */
    private static int replace(Connection connection, SecretColumn column, Row row, String value) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE " + column.table() + " SET " + column.column() + " = ? WHERE ");
        column.keyColumns().forEach(k -> sql.append(k).append(" = ? AND "));
        sql.append(column.column()).append(" = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int i = 1;
            statement.setString(i++, value);
            for (String key : row.keys()) {
                statement.setString(i++, key);
            }
            statement.setString(i, row.value());
            return statement.executeUpdate();
        }
    }
}
