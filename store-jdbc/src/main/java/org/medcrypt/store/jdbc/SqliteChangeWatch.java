package org.medcrypt.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps a {@link PartyCache} coherent on SQLite: a connection of its own that never writes asks
 * {@code PRAGMA data_version}, which changes whenever any other connection — of this store's
 * pool or of another process — has committed to the file. Asked before each cached read (a few
 * microseconds, no query of the tables): a change drops every cached party document.
 */
final class SqliteChangeWatch implements AutoCloseable {

    private final Connection connection;
    private final Statement statement;
    private final PartyCache cache;
    private long seen = Long.MIN_VALUE;

    SqliteChangeWatch(String jdbcUrl, PartyCache cache) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
        this.statement = connection.createStatement();
        this.cache = cache;
    }

    /** Drops the cache if the file changed since the last call; false if the watch failed (then the cache is not coherent). */
    synchronized void refresh() {
        try (ResultSet row = statement.executeQuery("PRAGMA data_version")) {
            row.next();
            long version = row.getLong(1);
            if (version != seen) {
                if (seen == Long.MIN_VALUE) {
                    cache.startCoherent();
                } else {
                    cache.invalidateAll();
                }
                seen = version;
            }
        } catch (SQLException e) {
            cache.stopCoherent();
            seen = Long.MIN_VALUE;
        }
    }

    @Override
    public synchronized void close() {
        cache.stopCoherent();
        try (connection; statement) {
            // closes both
        } catch (SQLException e) {
            // nothing left to release
        }
    }
}
