package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.EncodedEd25519KeyPair;

/**
 * Ed25519 on the provider's JCA {@code KeyPairGenerator}, {@code KeyFactory} and {@code
 * Signature "Ed25519"} (the JDK's SunEC for both {@code jca} and {@code conscrypt}: Conscrypt 2.5
 * has none; ACCP's generator and signature for {@code accp}, with SunEC's key factory, which ACCP
 * 2.5 does not register), each taken from its {@link Provider} object, never from the global list.
 *
 * <p>JCA speaks SPKI and PKCS#8, the SPI raw RFC 8032 bytes. Both Ed25519 encodings are a fixed
 * DER prefix followed by the 32 raw bytes (RFC 8410), so the conversion is a prefix check or a
 * concatenation, not a parser:
 * <ul>
 *   <li>public key: {@code 302a300506032b6570032100} ‖ 32 bytes (SubjectPublicKeyInfo);</li>
 *   <li>private key: {@code 302e020100300506032b657004220420} ‖ 32-byte seed (PKCS#8 v1).</li>
 * </ul>
 *
 * <p>An imported seed needs its public key ({@link Ed25519PrivateKey#publicKey()}), and Java 17
 * has no API that derives it. The key pair generator does derive it from the 32 bytes it draws,
 * so the seed is given to it as its only randomness ({@link FixedSeedRandom}), and the generated
 * private key is checked to hold that seed. The result is the RFC 8032 key pair of the seed,
 * which {@link JcaEngine} checks once against RFC 8032's first test vector. A generator that
 * takes no random source (ACCP's, which draws from AWS-LC) makes new keys but cannot do this;
 * the engine then derives with the JDK's SunEC ({@link JcaEngine#ed25519SeedDeriver()}).
 *
 * <p>{@code Signature} objects are made per call: they are not thread-safe, and making one costs
 * little next to an Ed25519 operation. Verification checks the signature's length first (SunEC
 * on Java 17 accepts a valid signature with bytes appended); the signature engine itself (SunEC,
 * or AWS-LC for {@code accp}) refuses {@code S ≥ L} and undecodable points, and every failure
 * becomes {@code false}.
 */
final class JcaEd25519 implements Ed25519 {

    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private final LazyEngine engine;

    JcaEd25519(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public EncodedEd25519KeyPair generateKeyPair() throws GeneralSecurityException {
        JcaEngine e = engine.get();
        KeyPair pair = e.ed25519GeneratorTakesRandom() ? generate(e.ed25519KeyPairGenerator(), e.random())
                : KeyPairGenerator.getInstance(JcaEngine.ED25519, e.ed25519KeyPairGenerator()).generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] seed = null;
        try {
            byte[] publicKey = rawPublicKey(pair.getPublic(), e.ed25519KeyPairGenerator());
            if (pkcs8 == null || !hasPrefix(pkcs8, PKCS8_PREFIX, PRIVATE_KEY_LENGTH)) {
                throw new GeneralSecurityException(e.ed25519KeyPairGenerator().getName()
                        + " made an Ed25519 private key without the expected PKCS#8 encoding");
            }
            seed = Arrays.copyOfRange(pkcs8, PKCS8_PREFIX.length, pkcs8.length);
            return EncodedEd25519KeyPair.of(publicKey, seed);
        } finally {
            wipe(pkcs8);
            wipe(seed);
            JcaRsaPrivateKey.destroyQuietly(pair.getPrivate());
        }
    }

    @Override
    public Ed25519PublicKey importPublicKey(byte[] raw) throws GeneralSecurityException {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != PUBLIC_KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 public key is " + PUBLIC_KEY_LENGTH + " bytes, not " + raw.length);
        }
        JcaEngine e = engine.get();
        return new JcaEd25519PublicKey(e.providerId(), jcaPublicKey(e, raw), raw.clone());
    }

    @Override
    public Ed25519PrivateKey importPrivateKey(byte[] seed) throws GeneralSecurityException {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != PRIVATE_KEY_LENGTH) {
            throw new InvalidKeyException("an Ed25519 private key (seed) is " + PRIVATE_KEY_LENGTH + " bytes, not "
                    + seed.length);
        }
        JcaEngine e = engine.get();
        KeyPair pair = pairOfSeed(e.ed25519SeedDeriver(), seed);
        return new JcaEd25519PrivateKey(e.providerId(), pair.getPrivate(),
                rawPublicKey(pair.getPublic(), e.ed25519SeedDeriver()));
    }

    @Override
    public byte[] sign(Ed25519PrivateKey key, byte[] message) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        JcaEngine e = engine.get();
        PrivateKey privateKey = JcaEd25519PrivateKey.keyOf(key, e.providerId());
        Signature signature = Signature.getInstance(JcaEngine.ED25519, e.ed25519Signature());
        signature.initSign(privateKey);
        signature.update(message);
        return signature.sign();
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
        JcaEngine e = engine.getUnchecked();
        try {
            PublicKey publicKey = JcaEd25519PublicKey.keyOf(key, e.providerId());
            if (publicKey == null) {
                byte[] raw = key.raw();
                if (raw == null || raw.length != PUBLIC_KEY_LENGTH) {
                    return false;
                }
                publicKey = jcaPublicKey(e, raw);
            }
            Signature verifier = Signature.getInstance(JcaEngine.ED25519, e.ed25519Signature());
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException failure) {
            return false;
        }
    }

    /**
     * The raw public key of {@code seed}, derived by {@code generator} (see the class comment);
     * for {@link JcaEngine}'s one-time check.
     */
    static byte[] publicKeyOfSeed(Provider generator, byte[] seed) throws GeneralSecurityException {
        KeyPair pair = pairOfSeed(generator, seed);
        JcaRsaPrivateKey.destroyQuietly(pair.getPrivate());
        return rawPublicKey(pair.getPublic(), generator);
    }

    private static KeyPair pairOfSeed(Provider generator, byte[] seed) throws GeneralSecurityException {
        FixedSeedRandom random = FixedSeedRandom.of(seed.clone());
        KeyPair pair;
        try {
            pair = generate(generator, random);
        } catch (GeneralSecurityException | RuntimeException failure) {
            // no cause: it could be FixedSeedRandom's refusal, or carry key bytes
            throw new GeneralSecurityException(generator.getName() + " KeyPairGenerator " + JcaEngine.ED25519
                    + " cannot derive a key pair from a seed (" + failure.getClass().getSimpleName() + ")");
        } finally {
            random.wipe();
        }
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            if (!random.served() || pkcs8 == null || !hasPrefix(pkcs8, PKCS8_PREFIX, PRIVATE_KEY_LENGTH)
                    || !endsWith(pkcs8, seed)) {
                JcaRsaPrivateKey.destroyQuietly(pair.getPrivate());
                throw new GeneralSecurityException(generator.getName() + " KeyPairGenerator " + JcaEngine.ED25519
                        + " did not make the key pair of the given seed");
            }
            return pair;
        } finally {
            wipe(pkcs8);
        }
    }

    private static KeyPair generate(Provider provider, SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(JcaEngine.ED25519, provider);
        generator.initialize(NamedParameterSpec.ED25519, random);
        return generator.generateKeyPair();
    }

    private static PublicKey jcaPublicKey(JcaEngine e, byte[] raw) throws GeneralSecurityException {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + PUBLIC_KEY_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, PUBLIC_KEY_LENGTH);
        try {
            return KeyFactory.getInstance(JcaEngine.ED25519, e.ed25519KeyFactory()).generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException failure) {
            throw new InvalidKeyException("not a valid Ed25519 public key");
        }
    }

    /** The last 32 bytes of the key's SubjectPublicKeyInfo, after checking its prefix. */
    private static byte[] rawPublicKey(PublicKey key, Provider provider) throws GeneralSecurityException {
        byte[] spki = key.getEncoded();
        if (spki == null || !hasPrefix(spki, SPKI_PREFIX, PUBLIC_KEY_LENGTH)) {
            throw new GeneralSecurityException(provider.getName()
                    + " made an Ed25519 public key without the expected SubjectPublicKeyInfo encoding");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    private static boolean hasPrefix(byte[] encoding, byte[] prefix, int rawLength) {
        return encoding.length == prefix.length + rawLength
                && Arrays.equals(encoding, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code encoding} ends with {@code tail}, in time independent of where they differ. */
    private static boolean endsWith(byte[] encoding, byte[] tail) {
        int offset = encoding.length - tail.length;
        int difference = 0;
        for (int i = 0; i < tail.length; i++) {
            difference |= encoding[offset + i] ^ tail[i];
        }
        return difference == 0;
    }

    private static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
