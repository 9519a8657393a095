package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaPrivateKey;

/**
 * Pair-key unwrapping: RSA-2048 OAEP decryption of a 32-byte AES key, with a private key parsed
 * once, through a provider's {@code rsaOaep().decrypt} or a raw {@code Cipher}; and RSA-2048 key
 * pair generation.
 */
public abstract class RsaScenario {

    private static final byte[] NO_LABEL = new byte[0];

    final byte[] pairKey = Data.bytes(32, 7);

    public static RsaScenario create(String impl, OaepParameters parameters) throws GeneralSecurityException {
        return Impls.isRaw(impl) ? new Raw(Impls.rawLibrary(impl), parameters)
                : new Spi(Impls.provider(impl), parameters);
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
        private final OaepParameters parameters;
        private final RsaPrivateKey key;
        private final byte[] wrapped;

        Spi(CryptoProvider provider, OaepParameters parameters) throws GeneralSecurityException {
            this.provider = provider;
            this.parameters = parameters;
            this.key = provider.rsaOaep().importPrivateKey(PartyKeys.pkcs8("rsa"));
            this.wrapped = RawJceScenario.rsaEncrypt(PartyKeys.spki("rsa"), parameters, pairKey);
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return provider.rsaOaep().decrypt(key, parameters, wrapped, NO_LABEL);
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

        Raw(String library, OaepParameters parameters) throws GeneralSecurityException {
            this.library = library;
            this.rsa = new RawJceScenario.RsaDecrypt(library, PartyKeys.pkcs8("rsa"), parameters);
            this.wrapped = RawJceScenario.rsaEncrypt(PartyKeys.spki("rsa"), parameters, pairKey);
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
