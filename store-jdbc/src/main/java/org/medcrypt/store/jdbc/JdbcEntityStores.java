package org.medcrypt.store.jdbc;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens {@link JdbcEntityStore}s: an embedded SQLite file, or a PostgreSQL database.
 *
 * <pre>{@code
 * try (JdbcEntityStore store = JdbcEntityStores.open("sqlite:practice.db")) { ... }
 * try (JdbcEntityStore store = JdbcEntityStores.builder("jdbc:postgresql://127.0.0.1/medcrypt")
 *         .user("medcrypt").password(secret).open()) { ... }
 * }</pre>
 *
 * <p>Opening creates the database file (SQLite) and brings the schema up to date with the store's
 * migrations (Flyway); a database already at this version is left as it is.
 */
public final class JdbcEntityStores {

    private JdbcEntityStores() {
    }

    /**
     * Opens the store at {@code url} with default settings.
     *
     * @param url {@code sqlite:PATH} (or {@code jdbc:sqlite:PATH}) for a SQLite file, created if
     *     missing; {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…&password=…]} for PostgreSQL
     * @throws IllegalArgumentException if the URL names neither
     * @throws StoreUnavailableException if the database cannot be opened or migrated
     */
    public static JdbcEntityStore open(String url) {
        return builder(url).open();
    }

    /** Whether {@code url} names a store this module opens (so a caller can tell it from a file name). */
    public static boolean handles(String url) {
        String lower = Objects.requireNonNull(url, "url").toLowerCase(Locale.ROOT);
        return lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:") || lower.startsWith("jdbc:postgresql:");
    }

    /**
     * Settings for opening the store at {@code url} (see {@link #open(String)} for its forms).
     *
     * @throws IllegalArgumentException if the URL names neither SQLite nor PostgreSQL
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** Settings of a store to open; {@link #open()} validates and opens. */
    public static final class Builder {
        private final Dialect dialect;
        private final String jdbcUrl;
        private String user;
        private String password;
        private String schema;
        private Integer maximumPoolSize;
        private Duration busyTimeout = Duration.ofSeconds(30);

        private Builder(String url) {
            Objects.requireNonNull(url, "url");
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:")) {
                String path = url.substring(url.indexOf("sqlite:") + "sqlite:".length());
                if (path.isBlank() || path.startsWith(":memory:") || path.contains("mode=memory")) {
                    throw new IllegalArgumentException("a SQLite store needs a file: give sqlite:PATH, e.g. "
                            + "sqlite:practice.db (an in-memory database would be one per connection)");
                }
                this.dialect = new SqliteDialect();
                this.jdbcUrl = "jdbc:sqlite:" + path;
            } else if (lower.startsWith("jdbc:postgresql:")) {
                this.dialect = new PostgresqlDialect();
                this.jdbcUrl = url;
            } else {
                throw new IllegalArgumentException("not a store URL: give sqlite:PATH or "
                        + "jdbc:postgresql://HOST[:PORT]/DATABASE");
            }
        }

        /** The database user (PostgreSQL); may also be in the URL's {@code user} parameter. */
        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        /** The database password (PostgreSQL); may also be in the URL's {@code password} parameter. */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * The PostgreSQL schema to keep the store's tables in, created if missing (default: the
         * user's search path, usually {@code public}). Lets several stores share one database.
         */
        public Builder schema(String schema) {
            if (!Objects.requireNonNull(schema, "schema").matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("a schema name is 1 to 63 lower-case letters, digits or _, "
                        + "not starting with a digit");
            }
            this.schema = schema;
            return this;
        }

        /** Connections in the pool (default: 10 for PostgreSQL, 4 for SQLite). */
        public Builder maximumPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("the pool needs at least one connection");
            }
            this.maximumPoolSize = size;
            return this;
        }

        /** How long a SQLite writer waits for another process's write to end (default 30 s). */
        public Builder busyTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the busy timeout must be between 0 and 24 days");
            }
            this.busyTimeout = timeout;
            return this;
        }

        /**
         * Opens the store: creates the pool and migrates the schema.
         *
         * @throws StoreUnavailableException if the database cannot be reached, opened or migrated
         */
        public JdbcEntityStore open() {
            return JdbcEntityStore.open(dialect, this);
        }

        String jdbcUrl() {
            return jdbcUrl;
        }

        Optional<String> user() {
            return Optional.ofNullable(user);
        }

        Optional<String> password() {
            return Optional.ofNullable(password);
        }

        Optional<String> schema() {
            return Optional.ofNullable(schema);
        }

        Optional<Integer> maximumPoolSize() {
            return Optional.ofNullable(maximumPoolSize);
        }

        Duration busyTimeout() {
            return busyTimeout;
        }

        /** The URL without its query (which may hold a password), for messages. */
        String describe() {
            int query = jdbcUrl.indexOf('?');
            return (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)).replaceFirst("^jdbc:sqlite:", "sqlite:");
        }
    }
}
