package org.medcrypt;

/**
 * Any failed decryption: wrong key, modified, truncated or foreign ciphertext. There is one
 * message for all of them on purpose, so that a caller (or an attacker probing a server) cannot
 * tell a padding failure from a wrong key. The cause is never attached for the same reason.
 */
public final class DecryptionFailedException extends CryptoException {

    private static final String MESSAGE = "decryption failed: the data was modified or truncated, "
            + "or it was not encrypted for the keys you hold";

    /** The one generic message, without saying which object failed. */
    public DecryptionFailedException() {
        super(MESSAGE);
    }

    /** Adds which object failed (an entity id or a field name, never a secret). */
    public DecryptionFailedException(String where) {
        super(MESSAGE + " (" + where + ")");
    }
}
