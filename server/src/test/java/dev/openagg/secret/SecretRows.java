package dev.openagg.secret;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The raw values of every encrypted column, read straight from the database. */
final class SecretRows {
    private SecretRows() {
    }

    static List<String> values(Jdbi db) {
        List<String> values = new ArrayList<>();
        for (SecretColumn column : SecretColumn.ALL) {
            values.addAll(db.withHandle(h -> h.createQuery("SELECT " + column.column() + " FROM " + column.table()
                    + " WHERE " + column.column() + " IS NOT NULL").mapTo(String.class).list()));
        }
        return values;
    }

    /** The key ids the stored secrets name; a value that is not an envelope counts as {@code "plain"}. */
    static List<String> keyIds(Jdbi db) {
        return values(db).stream().map(v -> Keyring.keyId(v).orElse("plain")).distinct().toList();
    }
}
