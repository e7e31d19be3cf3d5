package dev.openagg.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Inserts many rows of one table with multi-row {@code INSERT ... VALUES (...), (...)} statements of up to
 * {@link #ROWS_PER_STATEMENT} rows, on the handle's connection. A first aggregation stores hundreds of rows, a
 * benchmark's seed millions: one statement per row (even batched, H2 runs a batch row by row) costs a parse-free but
 * full command round per row, and binding through JDBI's reflection costs more than the insert itself. Each statement
 * holds a power of two rows (64, then 32, 16, ... for the rest), so a connection sends a few statement texts over and
 * over, which both databases keep parsed (H2 in each session's query cache, PostgreSQL's driver as server-side
 * prepared statements); a statement of any other length was parsed afresh, 1,200 parameters at a time for the request
 * log's entries. Works alike on H2 and PostgreSQL.
 *
 * @param table   the table written
 * @param columns its columns, in the order of each row's values
 * @param types   the {@link java.sql.Types} of each column, for binding nulls
 */
public record RowInserts(String table, List<String> columns, int[] types) {
    /** Rows per statement at most: few statements, and well under PostgreSQL's 32,767 bound parameters. */
    public static final int ROWS_PER_STATEMENT = 64;

    public RowInserts {
        columns = List.copyOf(columns);
        if (types.length != columns.size()) {
            throw new IllegalArgumentException("one type per column");
        }
    }

    /** Inserts {@code rows} (each one value per column, in order). */
    public void insert(Handle h, List<Object[]> rows) {
        Connection connection = h.getConnection();
        try {
            for (int from = 0, size; from < rows.size(); from += size) {
                size = rowsInNext(rows.size() - from);
                List<Object[]> chunk = rows.subList(from, from + size);
                try (PreparedStatement statement = connection.prepareStatement(sql(chunk.size()))) {
                    int index = 1;
                    for (Object[] row : chunk) {
                        for (int c = 0; c < row.length; c++, index++) {
                            if (row[c] == null) {
                                statement.setNull(index, types[c]);
                            } else {
                                statement.setObject(index, row[c]);
                            }
                        }
                    }
                    statement.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not insert into " + table, e);
        }
    }

    /** How many of the {@code left} rows the next statement holds: a power of two, at most the limit. */
    static int rowsInNext(int left) {
        return Math.min(ROWS_PER_STATEMENT, Integer.highestOneBit(left));
    }

    private String sql(int rows) {
        String one = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
                .append(String.join(", ", columns)).append(") VALUES ").append(one);
        for (int i = 1; i < rows; i++) {
            sql.append(", ").append(one);
        }
        return sql.toString();
    }
}
