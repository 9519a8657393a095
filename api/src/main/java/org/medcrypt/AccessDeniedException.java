package org.medcrypt;

/** The data owner holds no delegation that opens this data: ask a party that has access to share it. */
public class AccessDeniedException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public AccessDeniedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
