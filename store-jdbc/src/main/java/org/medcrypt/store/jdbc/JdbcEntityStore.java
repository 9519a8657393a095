package org.medcrypt.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.flywaydb.core.Flyway;
import org.medcrypt.FormatException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.Revisions;
import org.medcrypt.store.StoreIndexes;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;

/**
 * An {@link EntityStore} in a SQL database: SQLite (embedded, one file) or PostgreSQL. Open one
 * with {@link JdbcEntityStores}; close it to release its connections.
 *
 * <p>Each document is one row: its JSON (with its {@code rev}), the revision again as a column,
 * and an insertion sequence for listings. Index tables hold what the look-ups search by (see
 * {@link StoreIndexes}): the secret foreign keys and delegates of entities, the key fingerprints
 * and pair-key delegates of parties; every look-up is an index look-up.
 *
 * <p>{@link #apply} is one transaction. It locks the rows it expects or saves, in one fixed order
 * (parties by id, then entities by type and id, so two updates never wait for each other in a
 * cycle), checks every expectation against the locked revisions, writes each document with a new
 * revision ({@code UPDATE … WHERE rev = ?}, counting rows) and rewrites its index rows; a failed
 * check rolls everything back. On PostgreSQL the locks are {@code SELECT … FOR UPDATE} under read
 * committed, and a deadlock or serialization failure the database reports anyway is retried from
 * the start; on SQLite a transaction takes the database's write lock when it begins, and writers
 * of this JVM queue for it. Thread-safe.
 */
public final class JdbcEntityStore implements EntityStore, AutoCloseable {

    private static final int BATCH = 500;
    private static final int ATTEMPTS = 6;

    private final Dialect dialect;
    private final HikariDataSource pool;
    private final String description;
    private final ReentrantLock writer = new ReentrantLock(true);
    /** The party documents last read or saved: see {@link #party}. */
    private final PartyCache partyCache;
    /** Keeps {@link #partyCache} coherent: on PostgreSQL; null on SQLite. */
    private final PartyChangeListener listener;
    /** Keeps {@link #partyCache} coherent: on SQLite; null on PostgreSQL. */
    private final SqliteChangeWatch watch;

    private JdbcEntityStore(Dialect dialect, HikariDataSource pool, String description, PartyCache partyCache,
            PartyChangeListener listener, SqliteChangeWatch watch) {
        this.dialect = dialect;
        this.pool = pool;
        this.description = description;
        this.partyCache = partyCache;
        this.listener = listener;
        this.watch = watch;
    }

    static JdbcEntityStore open(Dialect dialect, JdbcEntityStores.Builder settings) {
        String description = settings.describe();
        HikariDataSource pool;
        try {
            pool = dialect.dataSource(settings);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("could not connect to the store " + description + ": "
                    + rootMessage(e) + "; check that the database runs, and the URL, user and password", e);
        }
        try {
            var flyway = Flyway.configure(JdbcEntityStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations(dialect.migrationLocation())
                    .table("medcrypt_schema_history")
                    .failOnMissingLocations(true)
                    // through SLF4J like HikariCP: the application's logging decides (silent without a provider);
                    // Flyway's own choice would print every migration step on stderr through java.util.logging
                    .loggers("slf4j");
            String schema = dialect.schema(settings);
            if (schema != null) {
                flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreUnavailableException("could not open the store " + description
                    + " and bring its schema up to date: " + rootMessage(e), e);
        }
        PartyCache cache = new PartyCache();
        PartyChangeListener listener = null;
        SqliteChangeWatch watch = null;
        if (dialect.notifiesPartyChanges()) {
            listener = new PartyChangeListener(settings, cache);
            listener.start();
        } else {
            try {
                watch = new SqliteChangeWatch(settings.jdbcUrl(), cache);
            } catch (java.sql.SQLException e) {
                watch = null; // the store works without: it checks revisions instead
            }
        }
        return new JdbcEntityStore(dialect, pool, description, cache, listener, watch);
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String dialect() {
        return dialect.name();
    }

    // ------------------------------------------------------------------ parties

    /**
     * A party document. PostgreSQL: from the cache while it is coherent (see {@link PartyCache});
     * a change committed by another process is seen once its notification arrives (within
     * milliseconds; an update based on the older document meanwhile gets a conflict and is
     * retried). SQLite: from the cache while no connection has committed to the file since it
     * was cached ({@code PRAGMA data_version}, see {@link SqliteChangeWatch}). Otherwise: reads the stored revision and, only if it is not the one
     * of the instance this store last returned, the document; the same instance otherwise (one
     * small query, and the api's per-document memo of opened pair keys keeps working).
     */
    @Override
    public Optional<HealthcareParty> party(String id) {
        if (watch != null) {
            watch.refresh();
        }
        Optional<HealthcareParty> fresh = partyCache.fresh(id);
        if (fresh.isPresent()) {
            return fresh;
        }
        long[] token = partyCache.before(id);
        HealthcareParty cached = partyCache.last(id);
        String cachedRevision = cached == null ? null : cached.rev().orElse(null);
        List<Optional<HealthcareParty>> found = query("SELECT rev, CASE WHEN rev = ? THEN NULL ELSE "
                + dialect.jsonColumn("doc") + " END FROM parties WHERE id = ?", statement -> {
                    statement.setString(1, cachedRevision == null ? "" : cachedRevision);
                    statement.setString(2, id);
                }, row -> {
                    byte[] json = row.getBytes(2);
                    return json == null ? Optional.ofNullable(cached) : Optional.of(party(json));
                });
        if (found.isEmpty() || found.get(0).isEmpty()) {
            partyCache.forget(id);
            return Optional.empty();
        }
        HealthcareParty party = found.get(0).get();
        partyCache.offer(party, token);
        return Optional.of(party);
    }

    @Override
    public Map<String, HealthcareParty> parties(Collection<String> ids) {
        Map<String, HealthcareParty> found = new HashMap<>();
        for (List<String> chunk : chunks(distinct(ids))) {
            query("SELECT " + dialect.jsonColumn("doc") + " FROM parties WHERE " + dialect.inList("id"),
                    statement -> dialect.bindList(statement.getConnection(), statement, 1, chunk), this::party)
                    .forEach(party -> found.put(party.id(), party));
        }
        return inOrder(ids, found);
    }

    @Override
    public List<HealthcareParty> partiesByKeyFingerprint(KeyFingerprint fingerprint) {
        return query("SELECT " + dialect.jsonColumn("p.doc") + " FROM party_key_fingerprints f"
                + " JOIN parties p ON p.id = f.party_id WHERE f.fingerprint = ? ORDER BY p.seq",
                statement -> statement.setString(1, fingerprint.value()), this::party);
    }

    @Override
    public List<HealthcareParty> pairKeyOwnersFor(String delegateId) {
        return query("SELECT " + dialect.jsonColumn("p.doc") + " FROM party_pair_key_delegates d"
                + " JOIN parties p ON p.id = d.party_id WHERE d.delegate = ? ORDER BY p.seq",
                statement -> statement.setString(1, delegateId), this::party);
    }

    @Override
    public Stream<HealthcareParty> scanParties() {
        return stream("SELECT " + dialect.jsonColumn("doc") + " FROM parties ORDER BY seq", statement -> { },
                this::party);
    }

    // ------------------------------------------------------------------ entities

    @Override
    public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
        List<EncryptableEntity<?>> found = query("SELECT " + dialect.jsonColumn("doc")
                + " FROM entities WHERE type = ? AND id = ?", statement -> {
                    statement.setString(1, type.collection());
                    statement.setString(2, id);
                }, row -> entity(type, row.getBytes(1)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    @Override
    public Map<String, EncryptableEntity<?>> entities(EntityType type, Collection<String> ids) {
        Map<String, EncryptableEntity<?>> found = new HashMap<>();
        for (List<String> chunk : chunks(distinct(ids))) {
            query("SELECT " + dialect.jsonColumn("doc") + " FROM entities WHERE type = ? AND "
                    + dialect.inList("id"), statement -> {
                        statement.setString(1, type.collection());
                        dialect.bindList(statement.getConnection(), statement, 2, chunk);
                    }, row -> entity(type, row.getBytes(1)))
                    .forEach(entity -> found.put(entity.id(), entity));
        }
        return inOrder(ids, found);
    }

    @Override
    public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
        return query("SELECT " + dialect.jsonColumn("e.doc") + " FROM entity_secret_foreign_keys k"
                + " JOIN entities e ON e.type = k.type AND e.id = k.id"
                + " WHERE k.type = ? AND k.secret_foreign_key = ? ORDER BY e.seq", statement -> {
                    statement.setString(1, type.collection());
                    statement.setString(2, secretForeignKey);
                }, row -> entity(type, row.getBytes(1)));
    }

    @Override
    public Stream<EncryptableEntity<?>> sharedWith(EntityType type, String delegateId) {
        return stream("SELECT " + dialect.jsonColumn("e.doc") + " FROM entity_delegates d"
                + " JOIN entities e ON e.type = d.type AND e.id = d.id"
                + " WHERE d.delegate = ? AND d.type = ? ORDER BY e.seq", statement -> {
                    statement.setString(1, delegateId);
                    statement.setString(2, type.collection());
                }, row -> entity(type, row.getBytes(1)));
    }

    @Override
    public Stream<EncryptableEntity<?>> scanEntities(EntityType type) {
        return stream("SELECT " + dialect.jsonColumn("doc") + " FROM entities WHERE type = ? ORDER BY seq",
                statement -> statement.setString(1, type.collection()), row -> entity(type, row.getBytes(1)));
    }

    private HealthcareParty party(ResultSet row) throws SQLException {
        return party(row.getBytes(1));
    }

    private HealthcareParty party(byte[] json) {
        return HealthcareParty.fromJson(MedcryptJson.parseObject(json, "a party document of " + description));
    }

    private EncryptableEntity<?> entity(EntityType type, byte[] json) {
        return Dataset.entity(type, MedcryptJson.parseObject(json, "a document of " + description));
    }

    // ------------------------------------------------------------------ writing

    @Override
    public UpdateResult apply(StoreUpdate update) {
        UpdateResult result;
        try {
            result = inTransaction(connection -> applyIn(connection, update));
        } finally {
            // whatever happened (saved, a conflict, an error around the commit), what this update
            // saved or expected is read anew
            update.parties().forEach(party -> partyCache.invalidate(party.id()));
            update.partyExpectations().forEach(expected -> partyCache.invalidate(expected.id()));
            update.partyDeletions().forEach(partyCache::invalidate);
        }
        // not cached from here: a later commit's notification may already have been handled; the
        // next read caches what is stored
        return result;
    }

    /** The update in one open transaction; a conflict result means: roll back. */
    private UpdateResult applyIn(Connection connection, StoreUpdate update) throws SQLException {
        Map<String, List<StoreUpdate.PartyExpectation>> partyExpectations = new TreeMap<>();
        update.partyExpectations().forEach(expected ->
                partyExpectations.computeIfAbsent(expected.id(), id -> new ArrayList<>()).add(expected));
        Map<Key, List<StoreUpdate.EntityExpectation>> entityExpectations = new TreeMap<>();
        update.entityExpectations().forEach(expected -> entityExpectations.computeIfAbsent(
                new Key(expected.type(), expected.id()), key -> new ArrayList<>()).add(expected));

        // lock every row the update expects or saves, in one order; read their revisions
        Set<String> partyIds = new java.util.TreeSet<>(partyExpectations.keySet());
        update.parties().forEach(party -> partyIds.add(party.id()));
        partyIds.addAll(update.partyDeletions());
        Set<Key> entityKeys = new java.util.TreeSet<>(entityExpectations.keySet());
        update.entities().forEach(entity -> entityKeys.add(new Key(entity.type(), entity.id())));
        update.entityDeletions().forEach(deleted -> entityKeys.add(new Key(deleted.type(), deleted.id())));
        Map<String, String> partyRevisions = lockParties(connection, partyIds);
        Map<Key, String> entityRevisions = lockEntities(connection, entityKeys);

        List<UpdateResult.Conflict> conflicts = new ArrayList<>();
        partyExpectations.forEach((id, expectations) -> {
            String stored = partyRevisions.get(id);
            if (!expectations.stream().allMatch(e -> e.matches(stored != null, Optional.ofNullable(stored)))) {
                conflicts.add(UpdateResult.Conflict.party(id));
            }
        });
        entityExpectations.forEach((key, expectations) -> {
            String stored = entityRevisions.get(key);
            if (!expectations.stream().allMatch(e -> e.matches(stored != null, Optional.ofNullable(stored)))) {
                conflicts.add(UpdateResult.Conflict.entity(key.type(), key.id()));
            }
        });
        if (!conflicts.isEmpty()) {
            return UpdateResult.conflict(conflicts);
        }

        List<HealthcareParty> savedParties = new ArrayList<>();
        List<Write> partyWrites = new ArrayList<>();
        for (HealthcareParty party : update.parties()) {
            String stored = partyRevisions.get(party.id());
            HealthcareParty saved = party.withRev(Revisions.next(Optional.ofNullable(stored), party.rev()));
            savedParties.add(saved);
            partyWrites.add(new Write(null, party.id(), stored, saved.rev().orElseThrow(), json(saved.toJson())));
        }
        List<EncryptableEntity<?>> savedEntities = new ArrayList<>();
        List<Write> entityWrites = new ArrayList<>();
        for (EncryptableEntity<?> entity : update.entities()) {
            String stored = entityRevisions.get(new Key(entity.type(), entity.id()));
            EncryptableEntity<?> saved = entity.withRev(Revisions.next(Optional.ofNullable(stored), entity.rev()));
            savedEntities.add(saved);
            entityWrites.add(new Write(entity.type(), entity.id(), stored, saved.rev().orElseThrow(),
                    json(saved.toJson())));
        }
        if (!writeDocuments(connection, "parties", partyWrites) || !writeDocuments(connection, "entities", entityWrites)) {
            // a row appeared between the lock and the insert (PostgreSQL locks no absent row): start again
            throw new Retry();
        }
        writePartyIndexes(connection, savedParties, partyRevisions.keySet());
        writeEntityIndexes(connection, savedEntities, entityRevisions.keySet());
        deleteParties(connection, update.partyDeletions().stream().filter(partyRevisions::containsKey).toList());
        deleteEntities(connection, update.entityDeletions().stream()
                .map(deleted -> new Key(deleted.type(), deleted.id())).filter(entityRevisions::containsKey).toList());
        return UpdateResult.applied(savedParties, savedEntities);
    }

    /** Locks the stored rows among {@code ids} and returns their revisions by id. */
    private Map<String, String> lockParties(Connection connection, Set<String> ids) throws SQLException {
        Map<String, String> revisions = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(ids))) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT id, rev FROM parties WHERE "
                    + dialect.inList("id") + " ORDER BY " + dialect.byteOrder("id") + dialect.forUpdate())) {
                dialect.bindList(connection, statement, 1, chunk);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        revisions.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return revisions;
    }

    /** Locks the stored rows among {@code keys} and returns their revisions by key. */
    private Map<Key, String> lockEntities(Connection connection, Set<Key> keys) throws SQLException {
        Map<EntityType, List<String>> byType = new TreeMap<>();
        keys.forEach(key -> byType.computeIfAbsent(key.type(), t -> new ArrayList<>()).add(key.id()));
        Map<Key, String> revisions = new HashMap<>();
        for (Map.Entry<EntityType, List<String>> ofType : byType.entrySet()) {
            EntityType type = ofType.getKey();
            for (List<String> chunk : chunks(ofType.getValue())) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT id, rev FROM entities"
                        + " WHERE type = ? AND " + dialect.inList("id") + " ORDER BY " + dialect.byteOrder("id")
                        + dialect.forUpdate())) {
                    statement.setString(1, type.collection());
                    dialect.bindList(connection, statement, 2, chunk);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            revisions.put(new Key(type, rows.getString(1)), rows.getString(2));
                        }
                    }
                }
            }
        }
        return revisions;
    }

    /**
     * Writes the documents of one table: an UPDATE checked against the locked revision for a
     * stored row, an INSERT for a new one. False if a row count was not the one expected.
     */
    private boolean writeDocuments(Connection connection, String table, List<Write> writes) throws SQLException {
        if (writes.isEmpty()) {
            return true;
        }
        boolean entities = table.equals("entities");
        List<Write> updates = new ArrayList<>();
        List<Write> inserts = new ArrayList<>();
        writes.forEach(write -> (write.storedRevision != null ? updates : inserts).add(write));
        if (!updates.isEmpty()) {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET rev = ?, doc = "
                    + dialect.jsonParameter() + " WHERE " + (entities ? "type = ? AND " : "") + "id = ? AND rev = ?")) {
                int pending = 0;
                for (Write write : updates) {
                    int i = 1;
                    statement.setString(i++, write.revision);
                    statement.setString(i++, write.json);
                    if (entities) {
                        statement.setString(i++, write.type.collection());
                    }
                    statement.setString(i++, write.id);
                    statement.setString(i, write.storedRevision);
                    statement.addBatch();
                    if (++pending == BATCH || write == updates.get(updates.size() - 1)) {
                        for (int count : executeBatch(statement)) {
                            if (count != 1) {
                                return false;
                            }
                        }
                        pending = 0;
                    }
                }
            }
        }
        if (!inserts.isEmpty()) {
            String columns = entities ? "(type, id, rev, doc) VALUES (?, ?, ?, " : "(id, rev, doc) VALUES (?, ?, ";
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO " + table + " " + columns
                    + dialect.jsonParameter() + ")")) {
                int pending = 0;
                for (Write write : inserts) {
                    int i = 1;
                    if (entities) {
                        statement.setString(i++, write.type.collection());
                    }
                    statement.setString(i++, write.id);
                    statement.setString(i++, write.revision);
                    statement.setString(i, write.json);
                    statement.addBatch();
                    if (++pending == BATCH || write == inserts.get(inserts.size() - 1)) {
                        // a row inserted meanwhile by another transaction fails the unique key: retried
                        executeBatch(statement);
                        pending = 0;
                    }
                }
            }
        }
        return true;
    }

    /** Deletes stored (and locked) parties with their index rows. */
    private void deleteParties(Connection connection, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        for (String table : List.of("party_key_fingerprints", "party_pair_key_delegates", "parties")) {
            String column = table.equals("parties") ? "id" : "party_id";
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE "
                    + column + " = ?")) {
                for (String id : ids) {
                    statement.setString(1, id);
                    statement.addBatch();
                }
                executeBatch(statement);
            }
        }
    }

    /** Deletes stored (and locked) entities with their index rows. */
    private void deleteEntities(Connection connection, List<Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        for (String table : List.of("entity_secret_foreign_keys", "entity_delegates", "entities")) {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table
                    + " WHERE type = ? AND id = ?")) {
                int pending = 0;
                for (Key key : keys) {
                    statement.setString(1, key.type().collection());
                    statement.setString(2, key.id());
                    statement.addBatch();
                    if (++pending == BATCH) {
                        executeBatch(statement);
                        pending = 0;
                    }
                }
                executeBatch(statement);
            }
        }
    }

    private void writePartyIndexes(Connection connection, List<HealthcareParty> parties, Set<String> stored)
            throws SQLException {
        IndexWriter fingerprints = new IndexWriter(connection, "party_key_fingerprints", "fingerprint", false);
        IndexWriter delegates = new IndexWriter(connection, "party_pair_key_delegates", "delegate", false);
        try (fingerprints; delegates) {
            for (HealthcareParty party : parties) {
                boolean replaced = stored.contains(party.id());
                fingerprints.write(null, party.id(), StoreIndexes.partyFingerprints(party), replaced);
                delegates.write(null, party.id(), StoreIndexes.pairKeyDelegates(party), replaced);
            }
            fingerprints.flush();
            delegates.flush();
        }
    }

    private void writeEntityIndexes(Connection connection, List<EncryptableEntity<?>> entities, Set<Key> stored)
            throws SQLException {
        IndexWriter keys = new IndexWriter(connection, "entity_secret_foreign_keys", "secret_foreign_key", true);
        IndexWriter delegates = new IndexWriter(connection, "entity_delegates", "delegate", true);
        try (keys; delegates) {
            for (EncryptableEntity<?> entity : entities) {
                boolean replaced = stored.contains(new Key(entity.type(), entity.id()));
                keys.write(entity.type(), entity.id(), StoreIndexes.secretForeignKeys(entity), replaced);
                delegates.write(entity.type(), entity.id(), StoreIndexes.entityDelegates(entity), replaced);
            }
            keys.flush();
            delegates.flush();
        }
    }

    /** Replaces the rows of one index table for documents, in batches. */
    private static final class IndexWriter implements AutoCloseable {
        private final PreparedStatement delete;
        private final PreparedStatement insert;
        private final boolean typed;
        private int pending;

        IndexWriter(Connection connection, String table, String column, boolean typed) throws SQLException {
            this.typed = typed;
            String owner = typed ? "id" : "party_id";
            this.delete = connection.prepareStatement("DELETE FROM " + table + " WHERE "
                    + (typed ? "type = ? AND " : "") + owner + " = ?");
            this.insert = connection.prepareStatement("INSERT INTO " + table + " (" + column + ", "
                    + (typed ? "type, " : "") + owner + ") VALUES (?, ?" + (typed ? ", ?" : "") + ")");
        }

        void write(EntityType type, String id, Set<String> values, boolean replaced) throws SQLException {
            if (replaced) {
                int i = 1;
                if (typed) {
                    delete.setString(i++, type.collection());
                }
                delete.setString(i, id);
                delete.addBatch();
            }
            for (String value : values) {
                int i = 1;
                insert.setString(i++, value);
                if (typed) {
                    insert.setString(i++, type.collection());
                }
                insert.setString(i, id);
                insert.addBatch();
            }
            if (++pending == BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            executeBatch(delete);
            executeBatch(insert);
            pending = 0;
        }

        @Override
        public void close() throws SQLException {
            try (delete; insert) {
                // closes both
            }
        }
    }

    private static int[] executeBatch(PreparedStatement statement) throws SQLException {
        try {
            return statement.executeBatch();
        } catch (java.sql.BatchUpdateException e) {
            // the first statement's failure says more than "batch entry 3 was aborted"
            SQLException next = e.getNextException();
            throw next != null ? next : e;
        }
    }

    private static String json(ObjectNode document) {
        return new String(MedcryptJson.toBytes(document), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        UpdateResult run(Connection connection) throws SQLException;
    }

    /** Thrown inside a transaction to run it again from the start. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retry() {
            super(null, null, false, false);
        }
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(reader.read(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure("read from", e);
        }
    }

    /** A lazily read result; holds a pooled connection until the stream is closed (or read to its end). */
    private <T> Stream<T> stream(String sql, Binder binder, RowReader<T> reader) {
        Connection connection = null;
        try {
            connection = pool.getConnection();
            if (dialect.cursorsNeedTransaction()) {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
            }
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(BATCH);
            binder.bind(statement);
            ResultSet rows = statement.executeQuery();
            Cursor<T> cursor = new Cursor<>(connection, statement, rows, reader);
            return StreamSupport.stream(cursor, false).onClose(cursor::close);
        } catch (SQLException e) {
            if (connection != null) {
                endRead(connection, e);
            }
            throw failure("read from", e);
        }
    }

    private final class Cursor<T> extends Spliterators.AbstractSpliterator<T> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final RowReader<T> reader;
        private boolean closed;

        Cursor(Connection connection, PreparedStatement statement, ResultSet rows, RowReader<T> reader) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.connection = connection;
            this.statement = statement;
            this.rows = rows;
            this.reader = reader;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            if (closed) {
                return false;
            }
            T next;
            try {
                if (!rows.next()) {
                    close();
                    return false;
                }
                next = reader.read(rows);
            } catch (SQLException e) {
                close();
                throw failure("read from", e);
            }
            action.accept(next);
            return true;
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (statement) {
                rows.close();
            } catch (SQLException e) {
                // the connection below is closed anyway
            }
            endRead(connection, null);
        }
    }

    private void endRead(Connection connection, Exception cause) {
        try (connection) {
            if (dialect.cursorsNeedTransaction()) {
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }

    /**
     * Runs {@code work} in one transaction: commits if it applied, rolls back on a conflict or an
     * error. A deadlock, a serialization failure or a row inserted meanwhile is retried from the
     * start (a few times, after a short random pause).
     */
    private UpdateResult inTransaction(Work work) {
        boolean queued = dialect.oneWriterAtATime();
        if (queued) {
            writer.lock();
        }
        try {
            for (int attempt = 1; ; attempt++) {
                try (Connection connection = pool.getConnection()) {
                    connection.setAutoCommit(false);
                    try {
                        UpdateResult result = work.run(connection);
                        if (result.applied()) {
                            connection.commit();
                        } else {
                            connection.rollback();
                        }
                        return result;
                    } catch (SQLException | RuntimeException e) {
                        rollbackQuietly(connection, e);
                        throw e;
                    } finally {
                        connection.setAutoCommit(true);
                    }
                } catch (Retry | SQLException e) {
                    boolean again = e instanceof Retry || dialect.isTransient((SQLException) e)
                            || dialect.isUniqueViolation((SQLException) e);
                    if (!again || attempt == ATTEMPTS) {
                        if (e instanceof SQLException sql) {
                            throw failure("write to", sql);
                        }
                        throw new StoreUnavailableException("could not write to the store " + description
                                + ": other writers kept changing the same documents; retry", null);
                    }
                    pause(attempt);
                }
            }
        } finally {
            if (queued) {
                writer.unlock();
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting to write to the store", e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        if (dialect.isDataError(e)) {
            return new FormatException("the store " + description + " refused a document: " + e.getMessage()
                    + " (PostgreSQL's jsonb cannot hold the character \\u0000 in a string)");
        }
        return new StoreUnavailableException("could not " + what + " the store " + description + ": "
                + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    /** Closes the connection pool (and the listener); the store cannot be used after. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (watch != null) {
            watch.close();
        }
        pool.close();
    }

    @Override
    public String toString() {
        return "JdbcEntityStore[" + description + "]";
    }

    private static List<String> distinct(Collection<String> ids) {
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    private static <T> Map<String, T> inOrder(Collection<String> ids, Map<String, T> found) {
        Map<String, T> ordered = new LinkedHashMap<>();
        for (String id : ids) {
            T document = found.get(id);
            if (document != null) {
                ordered.putIfAbsent(id, document);
            }
        }
        return ordered;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            chunks.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return chunks;
    }

    private record Key(EntityType type, String id) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::type).thenComparing(Key::id);

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /** One document to write: its new revision and JSON, and the revision of the row it replaces (null: new). */
    private record Write(EntityType type, String id, String storedRevision, String revision, String json) {
    }
}
