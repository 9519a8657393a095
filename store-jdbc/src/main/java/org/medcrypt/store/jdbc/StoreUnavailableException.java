package org.medcrypt.store.jdbc;

import org.medcrypt.MedcryptException;

/**
 * The database could not be reached, opened or migrated, or refused a statement. The message
 * names the store (never its password) and what the database said.
 */
public class StoreUnavailableException extends MedcryptException {

    /** @param message what went wrong and what to do; never a password or key material */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
