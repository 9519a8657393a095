package org.medcrypt.store.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Copies SQLite's write-ahead log into the database file on a thread and connection of its own,
 * so that writers do not wait for it. A checkpoint writes the logged pages into the file and
 * syncs both (with {@code synchronous=NORMAL}, the only syncs there are); left to the writers, it
 * runs inside the commit that pushes the log past its threshold. Measured on a 1.12 M-entity
 * import, those syncs made up about a third of the import's time.
 *
 * <p>After a commit, {@link #committed()} asks for a {@code PRAGMA wal_checkpoint(PASSIVE)}:
 * it copies what no reader still needs, never waits for readers or writers, and writers go on
 * appending meanwhile. At most one runs every {@link #PAUSE_MILLIS}; requests in between are
 * merged. Nothing here changes what a commit guarantees: the writers' own automatic checkpoint
 * stays as the fallback if this one fails or falls behind.
 */
final class SqliteCheckpointer implements AutoCloseable {

    /** The shortest time between two checkpoints: a stream of small commits costs a few syncs a second, not one each. */
    static final long PAUSE_MILLIS = 200;

    private final Connection connection;
    private final Thread thread;
    private boolean requested;
    private boolean closed;

    SqliteCheckpointer(String jdbcUrl) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl);
        this.thread = new Thread(this::run, "medcrypt-sqlite-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    /** A write transaction committed: the log has grown. */
    synchronized void committed() {
        requested = true;
        notifyAll();
    }

    private void run() {
        try (Statement statement = connection.createStatement()) {
            while (waitForRequest()) {
                try {
                    statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
                } catch (SQLException e) {
                    // a writer's automatic checkpoint does it instead
                }
                pause();
            }
        } catch (SQLException e) {
            // no statement: the writers' automatic checkpoints do all of it
        }
    }

    private synchronized boolean waitForRequest() {
        while (!requested && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                return false;
            }
        }
        requested = false;
        return !closed;
    }

    private synchronized void pause() {
        long until = System.currentTimeMillis() + PAUSE_MILLIS;
        for (long left = PAUSE_MILLIS; left > 0 && !closed; left = until - System.currentTimeMillis()) {
            try {
                wait(left);
            } catch (InterruptedException e) {
                closed = true;
            }
        }
    }

    /** Stops the thread (after the checkpoint it may be running) and closes the connection. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to release
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
