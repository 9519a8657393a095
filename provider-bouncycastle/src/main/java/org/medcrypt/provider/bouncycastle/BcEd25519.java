package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.EncodedEd25519KeyPair;

/**
 * Ed25519 on Bouncy Castle's lightweight classes: {@link Ed25519KeyPairGenerator} fed by the
 * provider's Hash_DRBG, {@link Ed25519Signer} (pure Ed25519, RFC 8032) over {@link
 * Ed25519PrivateKeyParameters} and {@link Ed25519PublicKeyParameters}. Those take and give the raw
 * RFC 8032 encodings the SPI uses, so there is no conversion.
 *
 * <p>Bouncy Castle's verification is strict in the ways Wycheproof checks ({@code S ≥ L}, a
 * non-canonical {@code R} or public key, a wrong length: all refused), and its public key parser
 * refuses a 32-byte value that is not a point, which {@link #importPublicKey} reports as an
 * {@link InvalidKeyException}. Signers are made per call: they buffer the message and are not
 * thread-safe.
 */
final class BcEd25519 implements Ed25519 {

    private final BcSecureRandomSource random;

    BcEd25519(BcSecureRandomSource random) {
        this.random = random;
    }

    @Override
    public EncodedEd25519KeyPair generateKeyPair() throws GeneralSecurityException {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(random.secureRandom()));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] seed = ((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded();
        try {
            return EncodedEd25519KeyPair.of(((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded(), seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public Ed25519PublicKey importPublicKey(byte[] raw) throws GeneralSecurityException {
        Objects.requireNonNull(raw, "raw");
        return new BcEd25519PublicKey(parsePublicKey(raw));
    }

    @Override
    public Ed25519PrivateKey importPrivateKey(byte[] seed) throws GeneralSecurityException {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != PRIVATE_KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 private key (seed) is " + PRIVATE_KEY_LENGTH + " bytes, not "
                    + seed.length);
        }
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed); // copies the seed
        return new BcEd25519PrivateKey(key, key.generatePublicKey().getEncoded());
    }

    @Override
    public byte[] sign(Ed25519PrivateKey key, byte[] message) throws GeneralSecurityException {
        Ed25519PrivateKeyParameters privateKey = BcEd25519PrivateKey.parameters(key);
        Objects.requireNonNull(message, "message");
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /**
     * A foreign public key handle is used through its {@link Ed25519PublicKey#raw()}; the
     * provider's own handles keep their parsed key.
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
            Ed25519PublicKeyParameters publicKey = key instanceof BcEd25519PublicKey own
                    ? own.parameters() : parsePublicKey(key.raw());
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, publicKey);
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        } catch (GeneralSecurityException | RuntimeException failure) {
            return false;
        }
    }

    private static Ed25519PublicKeyParameters parsePublicKey(byte[] raw) throws GeneralSecurityException {
        if (raw == null || raw.length != PUBLIC_KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, not "
                    + (raw == null ? "null" : raw.length));
        }
        try {
            return new Ed25519PublicKeyParameters(raw);
        } catch (RuntimeException e) {
            throw new InvalidKeyException("not a valid Ed25519 public key (not a point of the curve)");
        }
    }
}
