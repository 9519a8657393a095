package org.medcrypt.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * PostgreSQL: documents as {@code jsonb}, a HikariCP pool, read-committed transactions whose
 * revision checks lock the rows they check ({@code UPDATE … WHERE rev = ?}, {@code SELECT … FOR
 * UPDATE}), batched inserts rewritten into multi-row statements.
 */
final class PostgresqlDialect extends Dialect {

    @Override
    String name() {
        return "postgresql";
    }

    @Override
    HikariDataSource dataSource(JdbcEntityStores.Builder settings) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(pool::setUsername);
        settings.password().ifPresent(pool::setPassword);
        pool.setPoolName("medcrypt-postgresql");
        pool.setMaximumPoolSize(settings.maximumPoolSize().orElse(10));
        pool.setMinimumIdle(1);
        pool.setAutoCommit(true);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        pool.setConnectionTimeout(30_000);
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        String schema = schema(settings);
        if (schema != null) {
            pool.setSchema(schema);
        }
        return new HikariDataSource(pool);
    }

    @Override
    String schema(JdbcEntityStores.Builder settings) {
        return settings.schema().orElse(null);
    }

    @Override
    String jsonParameter() {
        return "CAST(? AS jsonb)";
    }

    @Override
    String jsonColumn(String column) {
        return column + "::text";
    }

    @Override
    String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    String inList(String column) {
        return column + " = ANY(?)";
    }

    @Override
    void bindList(Connection connection, PreparedStatement statement, int index, Collection<String> values)
            throws SQLException {
        statement.setArray(index, connection.createArrayOf("text", values.toArray(new String[0])));
    }

    @Override
    String byteOrder(String column) {
        return column + " COLLATE \"C\"";
    }

    @Override
    boolean cursorsNeedTransaction() {
        return true; // the driver fetches a batch at a time only inside a transaction
    }

    @Override
    boolean oneWriterAtATime() {
        return false;
    }

    @Override
    boolean isTransient(SQLException e) {
        // 40P01 deadlock detected, 40001 serialization failure
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    @Override
    boolean notifiesPartyChanges() {
        return true; // migration V2's trigger
    }

    @Override
    boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    boolean isDataError(SQLException e) {
        // class 22, data exception: e.g. 22P05, jsonb's "unsupported Unicode escape sequence" for \u0000
        return e.getSQLState() != null && e.getSQLState().startsWith("22");
    }
}
