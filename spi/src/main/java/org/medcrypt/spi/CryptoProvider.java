package org.medcrypt.spi;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;

/**
 * The one entry point a crypto library implements to serve medcrypt.
 *
 * <p>Implementations are discovered with {@link java.util.ServiceLoader} (declared both in
 * {@code module-info.java} with {@code provides} and in {@code META-INF/services}). The public
 * no-arg constructor must do no work and must not fail: anything that can fail (loading a native
 * library, probing an algorithm) is reported through {@link #availability()}.
 *
 * <p>All primitives take and return standard encodings, so that a key or a ciphertext made by one
 * provider is usable by every other: raw bytes for AES keys, SubjectPublicKeyInfo (DER) for RSA
 * public keys and PKCS#8 (DER) for RSA private keys. A provider may parse a key once into a
 * handle ({@link AesKey}, {@link RsaPublicKey}, {@link RsaPrivateKey}) and reuse it.
 *
 * <p>Every method that does cryptography throws {@link GeneralSecurityException}, as JCA does.
 * Implementations must never put key material or plaintext in an exception message.
 * Implementations are thread-safe.
 */
public interface CryptoProvider {

    /** Stable lowercase identifier used to choose this provider, e.g. {@code "jca"}. */
    String id();

    /** Version of this provider implementation together with the library it runs on. */
    String version();

    /** Human-readable name and version of the underlying library, e.g. {@code "SunJCE 17.0.15"}. */
    String library();

    /**
     * Higher wins when the caller did not choose a provider explicitly. The documented values of
     * the bundled providers are: jca 400, accp 350, conscrypt 300, bouncycastle 200, tink 100.
     */
    int priority();

    /** Whether this provider can work on this platform and, if not, why not. */
    Availability availability();

    /** The suites whose every primitive this provider implements. */
    Set<Suite> suites();

    /**
     * What implements each primitive: audit information for crypto-agility reviews (which
     * primitives are native to the library and which delegate elsewhere).
     */
    List<PrimitiveInfo> primitives();

    /** Cryptographically secure random bytes. */
    SecureRandomSource random();

    /** AES key generation and import. */
    AesKeys aesKeys();

    /** AES-CBC with PKCS#7 padding and a random 16-byte IV prepended (suite v1). */
    AesCbc aesCbc();

    /** AES-GCM with a 12-byte nonce, a 16-byte tag and associated data (suite v2). */
    AesGcm aesGcm();

    /** RSA key pair generation, key import and RSA-OAEP. */
    RsaOaep rsaOaep();

    /** Ed25519 key generation, signing and verification: the signatures on pair keys. */
    Ed25519 ed25519();

    /** HKDF-SHA-256: v2's key derivation and key commitment. */
    Hkdf hkdf();

    /** Convenience: throws a {@link GeneralSecurityException} with the reason when unavailable. */
    default void requireAvailable() throws GeneralSecurityException {
        Availability availability = availability();
        if (!availability.isAvailable()) {
            throw new GeneralSecurityException(
                    "crypto provider '" + id() + "' is unavailable: " + availability.reason());
        }
    }
}
