package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.EncodedEd25519KeyPair;

/**
 * Ed25519 with Tink's own pure-Java implementation: {@link Ed25519Sign.KeyPair} (key generation
 * from Tink's {@code subtle.Random}, public key of a seed), {@link Ed25519Sign} and {@link
 * Ed25519Verify}, all over {@code com.google.crypto.tink.internal.Ed25519}, and all taking the raw
 * RFC 8032 encodings the SPI uses.
 *
 * <p>The constructors are used, not {@code Ed25519Sign.create} / {@code Ed25519Verify.create}:
 * those take Tink's key objects and prefer {@code signature.internal.Ed25519SignJce} (Conscrypt
 * through JCA) when it is installed, which would make this primitive not Tink's. Tink's
 * verification refuses {@code S ≥ L} and undecodable points itself; the length is checked here
 * first so that a wrong length is a plain {@code false}, and any exception becomes {@code false}.
 */
final class TinkEd25519 implements Ed25519 {

    @Override
    public EncodedEd25519KeyPair generateKeyPair() throws GeneralSecurityException {
        Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPair();
        byte[] seed = pair.getPrivateKey();
        try {
            return EncodedEd25519KeyPair.of(pair.getPublicKey(), seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public Ed25519PublicKey importPublicKey(byte[] raw) throws GeneralSecurityException {
        Objects.requireNonNull(raw, "raw");
        return new TinkEd25519PublicKey(raw.clone(), verifier(raw));
    }

    @Override
    public Ed25519PrivateKey importPrivateKey(byte[] seed) throws GeneralSecurityException {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != PRIVATE_KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 private key (seed) is " + PRIVATE_KEY_LENGTH + " bytes, not "
                    + seed.length);
        }
        // Ed25519Sign keeps its public key to itself, so the pair is derived once more for it
        Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
        return new TinkEd25519PrivateKey(new Ed25519Sign(seed), pair.getPublicKey());
    }

    @Override
    public byte[] sign(Ed25519PrivateKey key, byte[] message) throws GeneralSecurityException {
        Ed25519Sign signer = TinkEd25519PrivateKey.signerOf(key);
        Objects.requireNonNull(message, "message");
        return signer.sign(message);
    }

    /**
     * A foreign public key handle is used through its {@link Ed25519PublicKey#raw()}; the
     * provider's own handles keep their verifier.
     */
    @Override
    public boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Ed25519Verify verifier = key instanceof TinkEd25519PublicKey own ? own.verifier() : verifier(key.raw());
            verifier.verify(signature, message);
            return true;
        } catch (GeneralSecurityException | RuntimeException failure) {
            return false;
        }
    }

    private static Ed25519Verify verifier(byte[] raw) throws GeneralSecurityException {
        if (raw == null || raw.length != PUBLIC_KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, not "
                    + (raw == null ? "null" : raw.length));
        }
        try {
            return new Ed25519Verify(raw); // copies the key; decodes it on each verification
        } catch (RuntimeException e) {
            throw new InvalidKeyException("not a valid Ed25519 public key");
        }
    }
}
