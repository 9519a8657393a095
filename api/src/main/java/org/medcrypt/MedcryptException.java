package org.medcrypt;

/**
 * Root of every exception medcrypt throws. Unchecked: each subclass says what went wrong in
 * words a caller can act on, and no message ever contains key material or plaintext.
 *
 * <ul>
 *   <li>{@link CryptoException}: a cryptographic operation failed ({@link DecryptionFailedException}
 *       for any failed decryption, with one generic message).
 *   <li>{@link KeyException}: a key is missing, malformed or does not fit.
 *   <li>{@link AccessDeniedException}: the data owner was never given access.
 *   <li>{@link ProviderException}: no crypto provider, an unknown one, or an unavailable one.
 *   <li>{@link FormatException}: malformed JSON, hex, base64 or document shape.
 *   <li>{@link NotFoundException}: an entity or party is not in the store.
 *   <li>{@link ConflictException}: the store changed under an operation; read again and retry.
 * </ul>
 */
public class MedcryptException extends RuntimeException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public MedcryptException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public MedcryptException(String message, Throwable cause) {
        super(message, cause);
    }
}
