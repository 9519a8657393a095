package org.medcrypt.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Where a command's documents are, as given with {@code --store URL} or {@code --dataset FILE}:
 *
 * <ul>
 *   <li>{@code sqlite:PATH} (or {@code jdbc:sqlite:PATH}): an embedded SQLite database file,
 *       created if missing;</li>
 *   <li>{@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…&password=…]}: a PostgreSQL database;</li>
 *   <li>a path ending in {@code .json}: a dataset file, read whole and replaced atomically, as
 *       with {@code --dataset}.</li>
 * </ul>
 *
 * Anything else is refused with what to write instead: a path without {@code .json} is not
 * guessed to be SQLite or JSON. {@link #toString()} never shows a URL's query (it may hold a
 * password).
 */
sealed interface StoreLocation permits StoreLocation.JsonFile, StoreLocation.Database {

    /** The forms, for help texts and errors. */
    String FORMS = "sqlite:PATH, jdbc:postgresql://HOST[:PORT]/DATABASE, or a dataset file ending in .json";

    /** A dataset JSON file. */
    record JsonFile(Path path) implements StoreLocation {
        public JsonFile {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A database: {@code url} is what the store module opens ({@code sqlite:PATH} or
     * {@code jdbc:postgresql://…}).
     */
    record Database(String url, Kind kind) implements StoreLocation {
        /** Which database. */
        enum Kind { SQLITE, POSTGRESQL }

        public Database {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(kind, "kind");
        }

        /** The SQLite file, for {@link Kind#SQLITE}. */
        Path sqliteFile() {
            if (kind != Kind.SQLITE) {
                throw new IllegalStateException("not a SQLite store");
            }
            return Path.of(url.substring(url.indexOf("sqlite:") + "sqlite:".length()));
        }

        /** The URL without its query (user, password) or user-info. */
        @Override
        public String toString() {
            String shown = url;
            int query = shown.indexOf('?');
            if (query >= 0) {
                shown = shown.substring(0, query);
            }
            int at = shown.indexOf('@');
            int hosts = shown.indexOf("//");
            if (kind == Kind.POSTGRESQL && at > hosts && hosts >= 0) {
                shown = shown.substring(0, hosts + 2) + shown.substring(at + 1);
            }
            return shown;
        }
    }

    /** A SQLite store at {@code path} (the default for a new store). */
    static StoreLocation sqlite(Path path) {
        return new Database("sqlite:" + path, Database.Kind.SQLITE);
    }

    /**
     * Reads a {@code --store} value.
     *
     * @throws IllegalArgumentException naming the forms, for anything that is none of them
     */
    static StoreLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the store is empty: give " + FORMS);
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:")) {
            String path = value.substring(lower.indexOf("sqlite:") + "sqlite:".length());
            if (path.isBlank()) {
                throw new IllegalArgumentException("'" + value + "' names no file: give sqlite:PATH, e.g. sqlite:practice.db");
            }
            if (path.startsWith(":memory:") || path.startsWith("file::memory:") || path.contains("mode=memory")) {
                throw new IllegalArgumentException("an in-memory SQLite database would be gone when the command ends: "
                        + "give a file, sqlite:PATH");
            }
            if (path.startsWith("file:") || path.contains("?")) {
                throw new IllegalArgumentException("give sqlite:PATH with a plain file path (no file: URI, no "
                        + "?parameters), e.g. sqlite:practice.db");
            }
            try {
                Path.of(path);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + path + "' is not a file path here: give sqlite:PATH");
            }
            return new Database("sqlite:" + path, Database.Kind.SQLITE);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            if (!lower.startsWith("jdbc:postgresql://") || lower.length() == "jdbc:postgresql://".length()) {
                throw new IllegalArgumentException("give a PostgreSQL store as jdbc:postgresql://HOST[:PORT]/DATABASE "
                        + "(user and password as ?user=…&password=…)");
            }
            String afterHost = value.substring("jdbc:postgresql://".length());
            int slash = afterHost.indexOf('/');
            int query = afterHost.indexOf('?');
            String database = slash < 0 ? "" : afterHost.substring(slash + 1, query > slash ? query : afterHost.length());
            if (database.isBlank()) {
                throw new IllegalArgumentException("the PostgreSQL URL names no database: give "
                        + "jdbc:postgresql://HOST[:PORT]/DATABASE");
            }
            return new Database(value, Database.Kind.POSTGRESQL);
        }
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            throw new IllegalArgumentException("medcrypt takes JDBC's form for PostgreSQL: write jdbc:postgresql://"
                    + value.substring(value.indexOf("//") + 2).replaceAll("^[^@/]*@", "").replaceAll("\\?.*", "")
                    + " (user and password as "
                    + "?user=…&password=…)");
        }
        if (lower.startsWith("jdbc:")) {
            String vendor = lower.substring("jdbc:".length()).split(":", 2)[0];
            throw new IllegalArgumentException("medcrypt stores in SQLite or PostgreSQL, not '" + vendor + "': give " + FORMS);
        }
        if (lower.matches("[a-z][a-z0-9+.-]+:.*") && !lower.matches("[a-z]:[\\\\/].*")) {
            String scheme = lower.substring(0, lower.indexOf(':'));
            throw new IllegalArgumentException("unknown kind of store '" + scheme + ":': give " + FORMS);
        }
        if (lower.endsWith(".json")) {
            try {
                return new JsonFile(Path.of(value));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("'" + value + "' is not a file path here: give " + FORMS);
            }
        }
        throw new IllegalArgumentException("'" + value + "' is neither a store URL nor a .json dataset file: for a "
                + "SQLite database write sqlite:" + value + "; give " + FORMS);
    }

    /** For picocli: a bad {@code --store} is a usage error (exit 2) that says what to write. */
    final class Converter implements ITypeConverter<StoreLocation> {
        @Override
        public StoreLocation convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
