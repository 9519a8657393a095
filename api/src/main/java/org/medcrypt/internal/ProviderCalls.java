package org.medcrypt.internal;

import java.security.GeneralSecurityException;
import org.medcrypt.CryptoException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.KeyException;

/**
 * The one place where the SPI's checked {@link GeneralSecurityException} becomes medcrypt's
 * unchecked exceptions. Provider messages are dropped from decryption failures on purpose: they
 * can tell a padding error from a wrong key.
 */
public final class ProviderCalls {

    /** A provider call that may throw {@link GeneralSecurityException}. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws GeneralSecurityException;
    }

    private ProviderCalls() {
    }

    /** For decryptions: any failure becomes the generic {@link DecryptionFailedException}. */
    public static <T> T decrypting(String where, Call<T> call) {
        try {
            return call.run();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new DecryptionFailedException(where);
        }
    }

    /**
     * For encryptions and key generation. A provider may refuse a destroyed key with an {@link
     * IllegalStateException} (the SPI allows it), and a kept key can be destroyed while in use,
     * by {@code PairKeyCache.clear()} on another thread: that too is a {@link CryptoException}.
     */
    public static <T> T encrypting(String what, Call<T> call) {
        try {
            return call.run();
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new CryptoException(what + " failed in the crypto provider: " + e.getMessage(), e);
        }
    }

    /** For importing keys. */
    public static <T> T importingKey(String what, Call<T> call) {
        try {
            return call.run();
        } catch (GeneralSecurityException e) {
            throw new KeyException(what + " could not be read: " + e.getMessage(), e);
        }
    }
}
