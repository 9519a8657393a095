package org.medcrypt;

/** A cryptographic operation failed for a reason other than bad ciphertext (a provider error, an unsupported parameter). */
public class CryptoException extends MedcryptException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
