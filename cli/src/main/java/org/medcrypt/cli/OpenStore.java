package org.medcrypt.cli;

import org.medcrypt.store.EntityStore;

/**
 * A store opened for one command: a dataset file read into memory ({@link DatasetFile}), or a
 * database ({@link DatabaseStore}). The command reads and changes {@link #store()}, then
 * {@link #commit()}s; {@link Stores} closes it when the command ends.
 */
interface OpenStore extends AutoCloseable {

    /** The documents the command works on. */
    EntityStore store();

    /** Where they are, for messages (never a password). */
    StoreLocation location();

    /**
     * Makes the command's changes durable. A dataset file is replaced, if no other writer changed
     * it since it was read ({@link org.medcrypt.ConflictException} otherwise, nothing written); in a
     * database every change landed when it was applied (each conditional on revisions), so there
     * is nothing left to do.
     */
    void commit();

    /**
     * The same as {@link #commit()}, in the commands' words ({@code session.file().write(session.store())}).
     *
     * @param changed must be {@link #store()}
     */
    default void write(EntityStore changed) {
        if (changed != store()) {
            throw new IllegalArgumentException("write the store this command opened");
        }
        commit();
    }

    /** {@link #location()}, in the commands' words: "in dataset " + path(). */
    default StoreLocation path() {
        return location();
    }

    /** Releases the store (a database's connections); idempotent. */
    @Override
    void close();
}
