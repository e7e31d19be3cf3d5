package dev.openagg.api;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/**
 * An exception as it may be logged. The database driver's and JDBI's messages quote the statement's bound values
 * (a webhook password, a user's email...), so a chain holding one of theirs is logged as its classes, SQL states
 * and stack frames only.
 */
final class Redacted extends Exception {
    private Redacted(Throwable original, Throwable cause) {
        super(original.getClass().getName() + (original instanceof SQLException sql ? " (SQLState " + sql.getSQLState() + ")" : ""),
                cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    /** {@code e} itself when nothing in its chain quotes values, else a copy without any message. */
    static Throwable loggable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JdbiException || t instanceof SQLException) {
                return copy(e);
            }
        }
        return e;
    }

    private static Throwable copy(Throwable t) {
        return t == null ? null : new Redacted(t, t.getCause() == t ? null : copy(t.getCause()));
    }
}
