package org.medcrypt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.medcrypt.KeyException;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PrivateKeyText;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;

/**
 * Key files and key bytes: {@link PrivateKeyText} (PKCS#8 as hex or PEM) and {@link
 * DataOwnerKeys#fromPkcs8} document {@link KeyException}; the providers' imports (PKCS#8 and SPKI
 * RSA keys, raw Ed25519 keys) document {@link GeneralSecurityException}. Anything else is a
 * finding.
 */
class KeyTextFuzzTest {

    private static final List<String> PROVIDERS = List.of("jca", "bouncycastle", "tink");
    private static final CryptoProvider[] LOADED = new CryptoProvider[PROVIDERS.size()];

    private static synchronized CryptoProvider provider(int index) {
        if (LOADED[index] == null) {
            LOADED[index] = CryptoProviders.get(PROVIDERS.get(index));
        }
        return LOADED[index];
    }

    /** A key file's bytes, as the CLI reads them, then the data owner's keys made of them. */
    @FuzzTest(maxDuration = "5m")
    void keyFile(FuzzedDataProvider data) {
        CryptoProvider provider = provider(data.consumeInt(0, PROVIDERS.size() - 1));
        boolean single = data.consumeBoolean();
        byte[] text = data.consumeRemainingAsBytes();
        List<byte[]> keys;
        try {
            keys = single ? List.of(PrivateKeyText.parsePkcs8(text)) : PrivateKeyText.parseAllPkcs8(text);
        } catch (KeyException documented) {
            return;
        }
        try {
            DataOwnerKeys.fromPkcs8("fuzz", provider, keys).destroy();
        } catch (KeyException documented) {
            // not a usable RSA or Ed25519 key: documented
        } finally {
            keys.forEach(key -> Arrays.fill(key, (byte) 0));
        }
    }

    /** DER (or anything) straight into each provider's key imports. */
    @FuzzTest(maxDuration = "5m")
    void providerKeyImport(FuzzedDataProvider data) {
        CryptoProvider provider = provider(data.consumeInt(0, PROVIDERS.size() - 1));
        int kind = data.consumeInt(0, 3);
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            switch (kind) {
                case 0 -> provider.rsaOaep().importPrivateKey(bytes).destroy();
                case 1 -> provider.rsaOaep().importPublicKey(bytes);
                case 2 -> provider.ed25519().importPrivateKey(bytes).destroy();
                default -> provider.ed25519().importPublicKey(bytes);
            }
        } catch (GeneralSecurityException documented) {
            // what the SPI documents for a key it cannot import
        }
    }
}
