package org.medcrypt.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * What differs between the SQL databases the store runs on: how a connection pool is made, how
 * JSON is written and read, how a list is passed as one parameter, how rows are locked, and which
 * migrations build the schema. Everything else is the same SQL.
 */
abstract class Dialect {

    /** Short name for messages and the migration folder: {@code sqlite} or {@code postgresql}. */
    abstract String name();

    /** The Flyway location of this dialect's migrations. */
    final String migrationLocation() {
        return "classpath:org/medcrypt/store/jdbc/migration/" + name();
    }

    /** The pool, configured for this database (WAL, busy timeout, isolation, batching...). */
    abstract HikariDataSource dataSource(JdbcEntityStores.Builder settings);

    /** The schema Flyway migrates, or null for the database's only one. */
    abstract String schema(JdbcEntityStores.Builder settings);

    /** The placeholder for a JSON document parameter in INSERT and UPDATE. */
    abstract String jsonParameter();

    /** The select expression that reads a document column as JSON text. */
    abstract String jsonColumn(String column);

    /** Appended to a SELECT that must lock the rows it reads until the transaction ends. */
    abstract String forUpdate();

    /** A condition "column is one of the values of one list parameter". */
    abstract String inList(String column);

    /** Binds the list parameter of {@link #inList}. */
    abstract void bindList(Connection connection, PreparedStatement statement, int index, Collection<String> values)
            throws SQLException;

    /**
     * Whether writers in this JVM queue on a lock before their transaction: SQLite allows one
     * writer per file, and a Java lock queues them fairly instead of the busy handler's polling.
     */
    abstract boolean oneWriterAtATime();

    /** Orders text the way Java's {@code String.compareTo} does (so lock order is the same everywhere). */
    abstract String byteOrder(String column);

    /** Whether a cursor (a result read a batch at a time) needs a transaction around it. */
    abstract boolean cursorsNeedTransaction();

    /** Whether the schema notifies party changes (so a listener can keep a party cache coherent). */
    boolean notifiesPartyChanges() {
        return false;
    }

    /** Whether a failed statement is a deadlock or serialization failure worth one more try. */
    boolean isTransient(SQLException e) {
        return false;
    }

    /**
     * Whether an insert failed on a unique key because another transaction inserted the same
     * document after this one looked (a database that locks no absent row): retried.
     */
    boolean isUniqueViolation(SQLException e) {
        return false;
    }

    /** Whether the database refused a value it cannot store (a document, not the connection, is at fault). */
    boolean isDataError(SQLException e) {
        return false;
    }
}
