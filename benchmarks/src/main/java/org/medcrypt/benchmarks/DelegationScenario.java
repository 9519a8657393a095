package org.medcrypt.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * The two AES operations opening a record repeats per entity, at the SPI level or raw:
 * <ul>
 *   <li>{@link #unwrap()}: one delegation, {@code IV ‖ AES-256-CBC_{pair key}("1234:" + UUID)}
 *       (41 bytes of plaintext, 64 bytes on the wire), with the pair key already parsed;</li>
 *   <li>{@link #contentDecrypt()}: one {@code encryptedSelf} of a contact, AES-128-CBC under a
 *       content key that is parsed for this entity (import + decrypt), as
 *       {@link RecordScenario} stores them.</li>
 * </ul>
 */
public abstract class DelegationScenario {

    static final byte[] DELEGATION_PLAINTEXT =
            ("1234:" + new UUID(0x0123456789abcdefL, 0x0fedcba987654321L)).getBytes(StandardCharsets.US_ASCII);

    final byte[] pairKey = Data.bytes(32, 11);
    final byte[] contentKey = Data.bytes(16, 12);
    final byte[] contentPlaintext = RecordScenario.contactFieldsJson(0).getBytes(StandardCharsets.UTF_8);

    public static DelegationScenario create(String impl) throws GeneralSecurityException {
        return Impls.isRaw(impl) ? new Raw(Impls.rawLibrary(impl)) : new Spi(Impls.provider(impl));
    }

    abstract byte[] unwrap() throws GeneralSecurityException;

    abstract byte[] contentDecrypt() throws GeneralSecurityException;

    public void verify() throws GeneralSecurityException {
        if (!Arrays.equals(unwrap(), DELEGATION_PLAINTEXT) || !Arrays.equals(contentDecrypt(), contentPlaintext)) {
            throw new IllegalStateException(getClass().getSimpleName() + ": decryption does not match");
        }
    }

    static final class Spi extends DelegationScenario {
        private final CryptoProvider provider;
        private final AesKey key;
        private final byte[] delegation;
        private final byte[] content;

        Spi(CryptoProvider provider) throws GeneralSecurityException {
            this.provider = provider;
            this.key = provider.aesKeys().importKey(pairKey);
            this.delegation = provider.aesCbc().encrypt(key, DELEGATION_PLAINTEXT);
            AesKey k = provider.aesKeys().importKey(contentKey);
            this.content = provider.aesCbc().encrypt(k, contentPlaintext);
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return provider.aesCbc().decrypt(key, delegation);
        }

        @Override
        byte[] contentDecrypt() throws GeneralSecurityException {
            AesKey k = provider.aesKeys().importKey(contentKey);
            try {
                return provider.aesCbc().decrypt(k, content);
            } finally {
                k.destroy();
            }
        }
    }

    static final class Raw extends DelegationScenario {
        private final RawJceScenario.CbcDecrypt cbc;
        private final SecretKeySpec key;
        private final byte[] delegation;
        private final byte[] content;

        Raw(String library) throws GeneralSecurityException {
            this.cbc = new RawJceScenario.CbcDecrypt(library);
            this.key = new SecretKeySpec(pairKey, "AES");
            byte[] iv = Data.bytes(16, 13);
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(AesMode.CBC.transformation());
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.IvParameterSpec(iv));
            this.delegation = Data.concat(iv, c.doFinal(DELEGATION_PLAINTEXT));
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new SecretKeySpec(contentKey, "AES"),
                    new javax.crypto.spec.IvParameterSpec(iv));
            this.content = Data.concat(iv, c.doFinal(contentPlaintext));
        }

        @Override
        byte[] unwrap() throws GeneralSecurityException {
            return cbc.decrypt(key, delegation);
        }

        /** The key is made per call, as medcrypt imports each entity's content key. */
        @Override
        byte[] contentDecrypt() throws GeneralSecurityException {
            return cbc.decrypt(new SecretKeySpec(contentKey, "AES"), content);
        }
    }
}
