package org.medcrypt.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for the tests: a SQLite file in a temporary folder, or a fresh schema in the
 * PostgreSQL database named by {@code MEDCRYPT_TEST_POSTGRES_URL} (with
 * {@code MEDCRYPT_TEST_POSTGRES_USER} and {@code MEDCRYPT_TEST_POSTGRES_PASSWORD}).
 *
 * <p>Without that URL the PostgreSQL tests are skipped, saying how to run them, except in CI
 * ({@code CI=true}, or {@code MEDCRYPT_TEST_POSTGRES_REQUIRED=true} as {@code .ci/postgres}
 * sets), where they fail: CI must not pass by skipping them.
 */
final class TestDatabases implements AutoCloseable {

    static final String URL = "MEDCRYPT_TEST_POSTGRES_URL";
    static final String USER = "MEDCRYPT_TEST_POSTGRES_USER";
    static final String PASSWORD = "MEDCRYPT_TEST_POSTGRES_PASSWORD";
    static final String REQUIRED = "MEDCRYPT_TEST_POSTGRES_REQUIRED";

    private final List<String> schemas = new ArrayList<>();
    private final List<JdbcEntityStore> stores = new ArrayList<>();

    /** Whether PostgreSQL tests must run here (CI) rather than be skipped. */
    static boolean postgresRequired() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "true".equalsIgnoreCase(System.getenv(REQUIRED));
    }

    /** The PostgreSQL URL; skips the test without one, or fails it in CI. */
    static String postgresUrl() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            if (postgresRequired()) {
                fail("the PostgreSQL tests are required in CI, but " + URL + " is not set: run `. .ci/postgres` "
                        + "before mvn (.ci/run does), or set " + URL + ", " + USER + " and " + PASSWORD);
            }
            Assumptions.abort("PostgreSQL tests skipped: " + URL + " is not set (README, \"Store\": "
                    + "`sudo bash -c '. .ci/postgres; env | grep MEDCRYPT_TEST_POSTGRES'`, then export those variables)");
        }
        return url;
    }

    /** Settings for a store in a new, empty schema of the test database (dropped by {@link #close}). */
    JdbcEntityStores.Builder postgres() {
        String schema = "medcrypt_test_" + HexFormat.of().formatHex(randomBytes());
        schemas.add(schema);
        // a small pool: a test may open a few stores at once, and the server has 100 connections
        JdbcEntityStores.Builder builder = JdbcEntityStores.builder(postgresUrl()).schema(schema).maximumPoolSize(4);
        String user = System.getenv(USER);
        String password = System.getenv(PASSWORD);
        if (user != null) {
            builder.user(user);
        }
        if (password != null) {
            builder.password(password);
        }
        return builder;
    }

    /** Settings for a store in a new SQLite file under {@code folder}. */
    JdbcEntityStores.Builder sqlite(Path folder) {
        return JdbcEntityStores.builder("sqlite:" + folder.resolve("store-" + HexFormat.of().formatHex(randomBytes()) + ".db"));
    }

    /** Opens and remembers (to close) a store. */
    JdbcEntityStore open(JdbcEntityStores.Builder builder) {
        JdbcEntityStore store = builder.open();
        stores.add(store);
        return store;
    }

    /** A plain connection to the PostgreSQL test database, for checks behind the store's back. */
    static Connection postgresConnection() throws SQLException {
        return DriverManager.getConnection(postgresUrl(), System.getenv(USER), System.getenv(PASSWORD));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() throws SQLException {
        stores.forEach(JdbcEntityStore::close);
        if (!schemas.isEmpty()) {
            try (Connection connection = postgresConnection(); Statement statement = connection.createStatement()) {
                for (String schema : schemas) {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}
