package org.medcrypt.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medcrypt.model.Patient;

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

    /**
     * The log is copied into the database file after commits by the store's checkpoint thread:
     * 2,000 documents (about 3 MB, far below the 10,000 pages at which a writer would checkpoint
     * itself) reach the file while the store stays open; without the thread they would stay in
     * the log until the last connection closes. Then the log is reused, not grown without end.
     */
    @Test
    void committedPagesReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
        JdbcEntityStore store = databases.open(settings);
        java.nio.file.Path file = folder.resolve("practice.db");
        java.nio.file.Path log = folder.resolve("practice.db-wal");
        long before = java.nio.file.Files.size(file);
        String note = "\"note\":\"" + "x".repeat(1_500) + "\"";
        List<Patient> patients = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            patients.add(patient("p" + i, note));
        }
        store.saveAll(List.of(), patients);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (java.nio.file.Files.size(file) < before + 2_000 * 1_500 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(java.nio.file.Files.size(file)).as("the database file after the checkpoint")
                .isGreaterThanOrEqualTo(before + 2_000 * 1_500);
        long logAfterFirst = java.nio.file.Files.size(log);
        for (int round = 0; round < 5; round++) {
            Thread.sleep(SqliteCheckpointer.PAUSE_MILLIS * 2);
            store.saveAll(List.of(), patients.stream().map(p -> with(p, "round", 1)).toList());
        }
        // each round rewrites the same 2,000 documents: with checkpoints the log restarts from its
        // beginning instead of holding all five rounds (about 15 MB)
        assertThat(java.nio.file.Files.size(log)).isLessThan(logAfterFirst + 2 * 2_000L * 1_500);
        try (var all = store.scanEntities(org.medcrypt.model.EntityType.PATIENT)) {
            assertThat(all.filter(p -> number(p, "round") == 1).count()).isEqualTo(2_000);
        }
    }
}
