package org.medcrypt;

/** An entity or a healthcare party is not in the store. */
public class NotFoundException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public NotFoundException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
