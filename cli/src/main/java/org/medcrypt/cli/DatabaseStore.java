package org.medcrypt.cli;

import org.medcrypt.store.EntityStore;
import org.medcrypt.store.jdbc.JdbcEntityStore;
import org.medcrypt.store.jdbc.JdbcEntityStores;
import org.medcrypt.store.jdbc.StoreUnavailableException;

/**
 * A SQLite or PostgreSQL store (module {@code store-jdbc}). Every change lands when it is
 * applied, in one transaction, conditional on the revisions it was computed from: of two
 * concurrent writers, each lands or gets a conflict (exit {@link ExitCodes#CONFLICT}).
 */
final class DatabaseStore implements OpenStore {

    private final StoreLocation.Database location;
    private final JdbcEntityStore store;
    private boolean closed;

    private DatabaseStore(StoreLocation.Database location, JdbcEntityStore store) {
        this.location = location;
        this.store = store;
    }

    /**
     * Opens the database, creating a SQLite file and bringing the schema up to date if needed.
     *
     * @throws UserInputException if it cannot be reached or opened (the message never shows a password)
     */
    static DatabaseStore open(StoreLocation.Database location) {
        try {
            return new DatabaseStore(location, JdbcEntityStores.open(location.url()));
        } catch (StoreUnavailableException e) {
            throw new UserInputException("cannot open store " + location + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("store " + location + ": " + e.getMessage());
        }
    }

    @Override
    public EntityStore store() {
        return store;
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    @Override
    public void commit() {
        // every update landed when it was applied
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }
}
