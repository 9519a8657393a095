package org.medcrypt.store.jdbc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import org.medcrypt.json.MedcryptJson;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite, embedded: one file, write-ahead log (readers never wait for the writer), a busy timeout
 * for writers of other processes, and transactions that take the write lock when they begin
 * ({@code BEGIN IMMEDIATE}) so two writers never both read and then fail to upgrade.
 */
final class SqliteDialect extends Dialect {

    @Override
    String name() {
        return "sqlite";
    }

    @Override
    HikariDataSource dataSource(JdbcEntityStores.Builder settings) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        // up to 32 MB of page cache per connection (negative: KiB), temporary tables in memory
        config.setCacheSize(-32 * 1024);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(settings.jdbcUrl());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("medcrypt-sqlite");
        pool.setMaximumPoolSize(settings.maximumPoolSize().orElse(8));
        pool.setMinimumIdle(1);
        pool.setAutoCommit(true);
        pool.setConnectionTimeout(settings.busyTimeout().toMillis() + 5_000);
        return new HikariDataSource(pool);
    }

    @Override
    String schema(JdbcEntityStores.Builder settings) {
        return null;
    }

    @Override
    String jsonParameter() {
        return "?";
    }

    @Override
    String jsonColumn(String column) {
        return column;
    }

    @Override
    String forUpdate() {
        // the transaction already holds the database's write lock
        return "";
    }

    @Override
    String inList(String column) {
        return column + " IN (SELECT value FROM json_each(?))";
    }

    @Override
    void bindList(Connection connection, PreparedStatement statement, int index, Collection<String> values)
            throws SQLException {
        ArrayNode array = MedcryptJson.nodes().arrayNode();
        values.forEach(array::add);
        statement.setBytes(index, MedcryptJson.toBytes(array));
    }

    @Override
    String byteOrder(String column) {
        return column; // BINARY collation: memcmp of UTF-8
    }

    @Override
    boolean cursorsNeedTransaction() {
        return false; // and must not have one: transactions here take the write lock
    }

    @Override
    boolean oneWriterAtATime() {
        return true;
    }
}
