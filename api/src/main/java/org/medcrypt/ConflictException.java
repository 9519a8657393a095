package org.medcrypt;

/**
 * What an operation started from changed in the store before it could save (another thread or
 * device shared the same entity, or created a pair key), or the caller passed a copy that is not
 * the stored document (a stale or a decrypted one). Read the entity again and retry.
 */
public class ConflictException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public ConflictException(String message) {
        super(message);
    }
}
