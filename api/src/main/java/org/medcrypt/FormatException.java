package org.medcrypt;

/** Input is not in the expected shape: malformed JSON, hex, base64, or a document that breaks the iCure format. */
public class FormatException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public FormatException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
