package org.medcrypt.spi;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A freshly generated Ed25519 key pair as raw RFC 8032 bytes: a 32-byte public key and a 32-byte
 * private seed. The holder owns the private bytes: {@link #destroy()} wipes them.
 */
public final class EncodedEd25519KeyPair implements Destroyable {

    private final byte[] publicKey;
    private final byte[] seed;
    private volatile boolean destroyed;

    private EncodedEd25519KeyPair(byte[] publicKey, byte[] seed) {
        this.publicKey = publicKey;
        this.seed = seed;
    }

    /** Copies both arrays; each must be 32 bytes. */
    public static EncodedEd25519KeyPair of(byte[] publicKey, byte[] seed) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(seed, "seed");
        if (publicKey.length != Ed25519.PUBLIC_KEY_LENGTH || seed.length != Ed25519.PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key and seed are 32 bytes each");
        }
        return new EncodedEd25519KeyPair(publicKey.clone(), seed.clone());
    }

    /** The raw public key; a fresh copy. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The raw private seed; a fresh copy the caller owns. */
    public byte[] seed() {
        if (destroyed) {
            throw new IllegalStateException("the key pair was destroyed");
        }
        return seed.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(seed, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "EncodedEd25519KeyPair[publicKey=32 bytes, seed=<redacted>]";
    }
}
