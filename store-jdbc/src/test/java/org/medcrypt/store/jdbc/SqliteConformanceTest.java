package org.medcrypt.store.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.conformance.EntityStoreConformance;

/**
 * The store conformance kit on SQLite: a new database file for each store, in one temporary
 * folder for the class (the kit's jqwik property runs outside JUnit's {@code @TempDir}), deleted
 * when the JVM exits.
 */
class SqliteConformanceTest extends EntityStoreConformance {

    private static final Path FOLDER = temporaryFolder();

    private static Path temporaryFolder() {
        try {
            Path folder = Files.createTempDirectory("medcrypt-sqlite-conformance");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Stream<Path> files = Files.walk(folder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected EntityStore newStore() {
        return JdbcEntityStores.open("sqlite:" + FOLDER.resolve(UUID.randomUUID() + ".db"));
    }
}
