package org.medcrypt.tck;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;

/**
 * RSA key pairs shared between tests, because generating them is slow: one per provider class
 * and size made by the provider under test, one per size made by the JDK.
 */
final class RsaKeys {

    private static final Map<String, EncodedRsaKeyPair> BY_PROVIDER = new ConcurrentHashMap<>();
    private static final Map<Integer, KeyPair> BY_JDK = new ConcurrentHashMap<>();

    private RsaKeys() {}

    static EncodedRsaKeyPair ofProvider(CryptoProvider provider, int bits) throws GeneralSecurityException {
        String key = provider.getClass().getName() + "/" + provider.id() + "/" + bits;
        EncodedRsaKeyPair pair = BY_PROVIDER.get(key);
        if (pair == null) {
            pair = provider.rsaOaep().generateKeyPair(bits);
            EncodedRsaKeyPair previous = BY_PROVIDER.putIfAbsent(key, pair);
            if (previous != null) {
                pair = previous;
            }
        }
        return pair;
    }

    static KeyPair ofJdk(int bits) throws GeneralSecurityException {
        KeyPair pair = BY_JDK.get(bits);
        if (pair == null) {
            pair = JdkCiphers.generateRsa(bits);
            KeyPair previous = BY_JDK.putIfAbsent(bits, pair);
            if (previous != null) {
                pair = previous;
            }
        }
        return pair;
    }
}
