package org.medcrypt;

/** An entity or a healthcare party is not in the store. */
public class NotFoundException extends MedcryptException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
