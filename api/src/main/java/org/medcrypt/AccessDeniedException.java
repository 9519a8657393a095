package org.medcrypt;

/** The data owner holds no delegation that opens this data: ask a party that has access to share it. */
public class AccessDeniedException extends MedcryptException {

    public AccessDeniedException(String message) {
        super(message);
    }

    public AccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
