package org.medcrypt.provider.jca;

import java.util.List;
import java.util.Set;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKeys;
import org.medcrypt.spi.Availability;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Hkdf;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;

/** What {@code jca} and {@code conscrypt} share: everything but where the JCA providers come from. */
abstract class JcaBasedProvider implements CryptoProvider {

    private final String id;
    private final LazyEngine engine;
    private final SecureRandomSource random;
    private final AesKeys aesKeys;
    private final AesCbc aesCbc;
    private final AesGcm aesGcm;
    private final RsaOaep rsaOaep;
    private final Ed25519 ed25519;
    private final Hkdf hkdf;

    /** Does no work: {@code factory} runs on first use. */
    JcaBasedProvider(String id, LazyEngine.Factory factory) {
        this.id = id;
        this.engine = new LazyEngine(id, factory);
        this.random = new JcaSecureRandomSource(engine);
        this.aesKeys = new JcaAesKeys(engine);
        this.aesCbc = new JcaAesCbc(engine);
        this.aesGcm = new JcaAesGcm(engine);
        this.rsaOaep = new JcaRsaOaep(engine);
        this.ed25519 = new JcaEd25519(engine);
        this.hkdf = new JcaHkdf(engine);
    }

    @Override
    public final String id() {
        return id;
    }

    /** This module's version and the library's, e.g. {@code "0.1.0-SNAPSHOT (JDK 17.0.15: ...)"}. */
    @Override
    public final String version() {
        return ProviderVersion.VALUE + " (" + library() + ")";
    }

    @Override
    public final Availability availability() {
        return engine.availability();
    }

    /** Empty when unavailable. */
    @Override
    public final Set<Suite> suites() {
        return engine.ifAvailable().map(JcaEngine::suites).orElse(Set.of());
    }

    /** One entry per primitive; empty when unavailable. */
    @Override
    public final List<PrimitiveInfo> primitives() {
        return engine.ifAvailable().map(JcaEngine::primitives).orElse(List.of());
    }

    /** Throws {@link IllegalStateException} with the reason on use when unavailable. */
    @Override
    public final SecureRandomSource random() {
        return random;
    }

    @Override
    public final AesKeys aesKeys() {
        return aesKeys;
    }

    @Override
    public final AesCbc aesCbc() {
        return aesCbc;
    }

    @Override
    public final AesGcm aesGcm() {
        return aesGcm;
    }

    @Override
    public final RsaOaep rsaOaep() {
        return rsaOaep;
    }

    /**
     * Ed25519 on the JCA provider's {@code "Ed25519"} services; {@link Ed25519#verify} throws {@link
     * IllegalStateException} with the reason when unavailable.
     */
    @Override
    public final Ed25519 ed25519() {
        return ed25519;
    }

    @Override
    public final Hkdf hkdf() {
        return hkdf;
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + id + "]";
    }
}
