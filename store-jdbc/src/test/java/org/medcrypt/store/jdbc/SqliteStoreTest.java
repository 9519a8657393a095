package org.medcrypt.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JdbcStoreBehaviour} on SQLite, and what only SQLite has: WAL, the busy timeout, the file. */
class SqliteStoreTest extends JdbcStoreBehaviour {

    @Override
    JdbcEntityStores.Builder newSettings() {
        return JdbcEntityStores.builder("sqlite:" + folder.resolve("practice.db"));
    }

    @Override
    <T> T readAfterAnotherProcessCommitted(java.util.function.Supplier<T> read, Object expected) {
        return read.get(); // no cache to invalidate: the revision is read every time
    }

    @Test
    void theFileIsInWalModeWithTheSchemaOfItsMigrations() throws Exception {
        JdbcEntityStore store = databases.open(settings);
        assertThat(store.dialect()).isEqualTo("sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("practice.db"));
             Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("wal");
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT version, success FROM medcrypt_schema_history WHERE version IS NOT NULL")) {
                rows.next();
                assertThat(List.of(rows.getString(1), rows.getString(2))).containsExactly("1", "1");
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void poolConnectionsWaitForAnotherWriterInsteadOfFailing() throws Exception {
        JdbcEntityStore store = databases.open(settings.busyTimeout(java.time.Duration.ofSeconds(20)));
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("practice.db"));
             Statement statement = other.createStatement()) {
            // another process holds the write lock for a moment
            statement.execute("BEGIN IMMEDIATE");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(700);
                    statement.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            long start = System.nanoTime();
            store.save(patient("p", "\"note\":\"after the other writer\""));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            release.join();
            assertThat(waitedMillis).as("the save waited for the other writer's lock").isGreaterThanOrEqualTo(500);
        }
        assertThat(store.patient("p")).isPresent();
    }
}
