package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Cipher;

/**
 * One {@link Cipher} per thread for one transformation of one provider: {@code Cipher} objects
 * are not thread-safe, and {@code Cipher.getInstance} costs more than a small message's
 * encryption. Every use re-initialises the cipher, so no state carries over between calls.
 */
final class CipherCache {

    private final String transformation;
    private final Provider provider;
    private final ThreadLocal<Cipher> perThread = new ThreadLocal<>();

    CipherCache(String transformation, Provider provider) {
        this.transformation = transformation;
        this.provider = provider;
    }

    /** The cached cipher of this thread, made on first use. */
    Cipher get() throws GeneralSecurityException {
        Cipher cipher = perThread.get();
        return cipher != null ? cipher : fresh();
    }

    /** A new cipher that replaces this thread's cached one. */
    Cipher fresh() throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(transformation, provider);
        perThread.set(cipher);
        return cipher;
    }

    /** Forgets this thread's cipher, after a failure left it in an unknown state. */
    void discard() {
        perThread.remove();
    }

    String transformation() {
        return transformation;
    }

    Provider provider() {
        return provider;
    }

    /** E.g. {@code "SunJCE AES/GCM/NoPadding"}. */
    String describe() {
        return provider.getName() + " " + transformation;
    }
}
