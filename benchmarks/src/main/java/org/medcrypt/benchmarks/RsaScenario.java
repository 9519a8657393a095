package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.Suite;

/**
 * Pair-key unwrapping: RSA-2048 OAEP decryption of a 32-byte AES key, with a private key parsed
 * once, through a provider's {@code rsaOaep().decrypt} or a raw {@code Cipher}, as each suite
 * wraps pair keys: v1 with OAEP SHA-1/MGF1-SHA-1 and no label (iCure's), v2 with OAEP
 * SHA-256/MGF1-SHA-256 and the label that binds the copy to its pair ({@link #label}); and RSA-2048
 * key pair generation.
 */
public abstract class RsaScenario {

    final byte[] pairKey = Data.bytes(32, 7);
    final OaepParameters parameters;
    final byte[] label;

    RsaScenario(Suite suite) {
        this.parameters = suite == Suite.V1_ICURE ? OaepParameters.SHA1_MGF1_SHA1 : OaepParameters.SHA256_MGF1_SHA256;
        this.label = label(suite);
    }

    public static RsaScenario create(String impl, Suite suite) throws GeneralSecurityException {
        return Impls.isRaw(impl) ? new Raw(Impls.rawLibrary(impl), suite) : new Spi(Impls.provider(impl), suite);
    }

    /**
     * The OAEP label of a wrapped copy: empty for v1; for v2 {@code "medcrypt v2 pair key" 00 ‖
     * f(key id) ‖ f(owner id) ‖ f(delegate id)} (docs/v2-format.md), here for a 16-byte key id
     * (22 base64url characters) and the record scenario's party ids.
     */
    static byte[] label(Suite suite) {
        return suite == Suite.V1_ICURE ? new byte[0]
                : Data.tagged("medcrypt v2 pair key", "AAECAwQFBgcICQoLDA0ODw", "D1", "R");
    }

    /** Decrypts the wrapped pair key. */
    abstract byte[] unwrap() throws GeneralSecurityException;

    /** Generates an RSA-2048 key pair; returns something that depends on it. */
    abstract Object generateKeyPair() throws GeneralSecurityException;

    public void verify() throws GeneralSecurityException {
        if (!Arrays.equals(unwrap(), pairKey)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": unwrapped key does not match");
        }
    }

    static final class Spi extends RsaScenario {
        private final CryptoProvider provider;
        private final RsaPrivateKey key;
        private final byte[] wrapped;

        Spi(CryptoProvider provider, Suite suite) throws GeneralSecurityException {
            super(suite);
            this.provider = provider;
            this.key = provider.rsaOaep().importPrivateKey(PartyKeys.pkcs8("rsa"));
            this.wrapped = RawJceScenario.rsaEncrypt(PartyKeys.spki("rsa"), parameters, label, pairKey);
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return provider.rsaOaep().decrypt(key, parameters, wrapped, label);
        }

        @Override
        Object generateKeyPair() throws GeneralSecurityException {
            return provider.rsaOaep().generateKeyPair(2048);
        }
    }

    static final class Raw extends RsaScenario {
        private final String library;
        private final RawJceScenario.RsaDecrypt rsa;
        private final byte[] wrapped;

        Raw(String library, Suite suite) throws GeneralSecurityException {
            super(suite);
            this.library = library;
            this.rsa = new RawJceScenario.RsaDecrypt(library, PartyKeys.pkcs8("rsa"), parameters, label);
            this.wrapped = RawJceScenario.rsaEncrypt(PartyKeys.spki("rsa"), parameters,
                    rsa.labelDropped() ? new byte[0] : label, pairKey);
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return rsa.decrypt(wrapped);
        }

        @Override
        Object generateKeyPair() throws GeneralSecurityException {
            return RawJceScenario.generateRsa2048(library);
        }
    }
}
