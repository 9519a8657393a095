package org.medcrypt;

/** No crypto provider was found, the requested one is unknown, or it cannot run on this platform. */
public class ProviderException extends MedcryptException {

    public ProviderException(String message) {
        super(message);
    }

    public ProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
