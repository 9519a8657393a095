package org.medcrypt.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps a {@link PartyCache} coherent on PostgreSQL: one connection of its own listens on the
 * channel the {@code parties} trigger notifies (migration V2) and invalidates each changed id; the
 * cache is coherent only while the connection is up (after a failure: not coherent, reconnect
 * after a second, everything cached before is dropped).
 */
final class PartyChangeListener implements AutoCloseable {

    static final String CHANNEL = "medcrypt_parties";

    private final String url;
    private final Properties credentials;
    private final PartyCache cache;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Connection connection;

    PartyChangeListener(JdbcEntityStores.Builder settings, PartyCache cache) {
        this.url = settings.jdbcUrl();
        this.credentials = new Properties();
        settings.user().ifPresent(user -> credentials.setProperty("user", user));
        settings.password().ifPresent(password -> credentials.setProperty("password", password));
        this.cache = cache;
        this.thread = new Thread(this::run, "medcrypt-party-invalidations");
        this.thread.setDaemon(true);
    }

    /** Connects and listens before returning (so the cache is coherent from the start), then keeps listening. */
    void start() {
        try {
            connect();
        } catch (SQLException e) {
            cache.stopCoherent(); // the store works without: it checks revisions instead
        }
        thread.start();
    }

    private void connect() throws SQLException {
        Connection fresh = DriverManager.getConnection(url, credentials);
        try (Statement statement = fresh.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            fresh.close();
            throw e;
        }
        connection = fresh;
        cache.startCoherent();
    }

    private void run() {
        while (!closed) {
            try {
                if (connection == null) {
                    connect();
                }
                PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(500);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        String id = notification.getParameter();
                        if ("*".equals(id)) {
                            cache.invalidateAll();
                        } else {
                            cache.invalidate(id);
                        }
                    }
                }
            } catch (SQLException e) {
                cache.stopCoherent();
                closeConnection();
                if (!closed) {
                    sleepASecond();
                }
            }
        }
    }

    private void closeConnection() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                // already broken
            }
        }
    }

    private static void sleepASecond() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        cache.stopCoherent();
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
