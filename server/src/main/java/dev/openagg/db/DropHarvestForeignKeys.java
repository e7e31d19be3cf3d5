package dev.openagg.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Migration 29: drops the foreign keys of the two tables a harvest writes hundreds of rows into, transactions and
 * holdings. Each of their rows had two such keys (to its member and its account), which H2 backs with an index of its
 * own beside the indexes the reads use, and which both databases check row by row against the parent tables. Their
 * rows are written only under their member's lock, and deleted with their member or user in code
 * ({@code MemberStore.delete}, {@code UserStore.delete}), as the cascades did before. The constraints were declared
 * without names, so each database named them its own way; this migration finds them in the schema's metadata.
 */
public final class DropHarvestForeignKeys {
    /** The tables whose rows are deleted with their member or user in code, not by a foreign key's cascade. */
    public static final List<String> TABLES = List.of("account_transaction", "holding");

    private DropHarvestForeignKeys() {
    }

    static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                for (String constraint : foreignKeys(connection, table)) {
                    statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + constraint.replace("\"", "\"\"")
                            + "\"");
                }
            }
        }
    }

    /** The names of {@code table}'s foreign keys in the connection's schema, as the database stored them. */
    private static List<String> foreignKeys(Connection connection, String table) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String stored = metadata.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        List<String> names = new ArrayList<>();
        try (ResultSet keys = metadata.getImportedKeys(connection.getCatalog(), connection.getSchema(), stored)) {
            while (keys.next()) {
                String name = keys.getString("FK_NAME");
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
