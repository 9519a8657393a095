package org.medcrypt.provider.jca;

/**
 * medcrypt's crypto provider on the JDK's own JCA providers: id {@code "jca"}, priority 400.
 *
 * <p>Each primitive is asked of a JDK provider <em>by name</em>, never through the global
 * provider list, so that a provider installed globally (Conscrypt, Bouncy Castle) cannot take
 * over silently:
 * <ul>
 *   <li>AES-CBC ({@code AES/CBC/PKCS5Padding}), AES-GCM ({@code AES/GCM/NoPadding}) and RSA-OAEP
 *       ({@code RSA/ECB/OAEPPadding} with an explicit {@code OAEPParameterSpec}): SunJCE;</li>
 *   <li>RSA key generation and SPKI / PKCS#8 parsing: SunRsaSign;</li>
 *   <li>Ed25519 key generation, parsing, signing and verification: SunEC ({@code
 *       KeyPairGenerator}, {@code KeyFactory} and {@code Signature "Ed25519"});</li>
 *   <li>HKDF-SHA-256: RFC 5869 written in this module over SunJCE's {@code Mac "HmacSHA256"} (Java
 *       17 has no HKDF);</li>
 *   <li>random bytes (IVs, nonces, AES keys): one SUN {@code SecureRandom}, {@code
 *       NativePRNGNonBlocking} ({@code /dev/urandom}) where it exists, else (Windows) {@code DRBG}
 *       at a 256-bit security strength.</li>
 * </ul>
 * All of {@link org.medcrypt.spi.OaepParameters} and both suites are supported.
 *
 * <p>AES keys are held in a {@code SecretKey} of this module that {@code destroy()} wipes. RSA
 * private keys cannot be wiped: the JDK keeps their parts in {@code BigInteger}s, and Ed25519
 * private keys in arrays Java 17 offers no way to clear.
 *
 * <p>Thread-safe: {@code Cipher} objects are cached per thread and re-initialised on every call.
 */
public final class JcaCryptoProvider extends JcaBasedProvider {

    /** The identifier: {@value}. */
    public static final String ID = "jca";

    /** The priority when nobody chose a provider: {@value}. */
    public static final int PRIORITY = 400;

    /** Does no work; the JDK providers are looked up on first use. */
    public JcaCryptoProvider() {
        super(ID, () -> JcaEngine.forJdk(ID));
    }

    /** The same as {@code new JcaCryptoProvider()}. */
    public static JcaCryptoProvider create() {
        return new JcaCryptoProvider();
    }

    /** E.g. {@code "JDK 17.0.15 (SunJCE, SunRsaSign, SUN, SunEC)"}. */
    @Override
    public String library() {
        return "JDK " + System.getProperty("java.version") + " (SunJCE, SunRsaSign, SUN, SunEC)";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }
}
