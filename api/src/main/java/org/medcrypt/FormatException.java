package org.medcrypt;

/** Input is not in the expected shape: malformed JSON, hex, base64, or a document that breaks the iCure format. */
public class FormatException extends MedcryptException {

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
