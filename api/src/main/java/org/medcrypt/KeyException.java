package org.medcrypt;

/** A key is missing, malformed, of the wrong size, or does not belong to the party it is used for. */
public class KeyException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public KeyException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
