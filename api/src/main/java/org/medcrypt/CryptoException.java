package org.medcrypt;

/** A cryptographic operation failed for a reason other than bad ciphertext (a provider error, an unsupported parameter). */
public class CryptoException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public CryptoException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
