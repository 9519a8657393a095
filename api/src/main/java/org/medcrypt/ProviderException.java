package org.medcrypt;

/** No crypto provider was found, the requested one is unknown, or it cannot run on this platform. */
public class ProviderException extends MedcryptException {

    /** @param message what went wrong and what to do; never key material or plaintext */
    public ProviderException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do; never key material or plaintext
     * @param cause the underlying failure, if its message is as safe to show
     */
    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
