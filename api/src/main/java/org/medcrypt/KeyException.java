package org.medcrypt;

/** A key is missing, malformed, of the wrong size, or does not belong to the party it is used for. */
public class KeyException extends MedcryptException {

    public KeyException(String message) {
        super(message);
    }

    public KeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
