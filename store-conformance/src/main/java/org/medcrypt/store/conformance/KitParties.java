package org.medcrypt.store.conformance;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;

/** Parties A, B, C with RSA-2048 and Ed25519 keys made once by the JDK, and the jca provider. */
final class KitParties {

    static final List<String> IDS = List.of("A", "B", "C");
    private static final Map<String, KeyPair> RSA = new LinkedHashMap<>();
    private static final Map<String, byte[]> SIGNING = new LinkedHashMap<>();

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
            for (String party : IDS) {
                RSA.put(party, rsa.generateKeyPair());
                byte[] pkcs8 = ed25519.generateKeyPair().getPrivate().getEncoded();
                // the JDK writes RFC 8410 v1: the seed is the last 32 bytes
                SIGNING.put(party, DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private KitParties() {
    }

    static CryptoProvider provider() {
        return CryptoProviders.get("jca");
    }

    /** The party's document as a new party has it: its public key, no pair keys. */
    static HealthcareParty document(String party) {
        return HealthcareParty.of(party, publicKeyHex(party));
    }

    static String publicKeyHex(String party) {
        return HexFormat.of().formatHex(RSA.get(party).getPublic().getEncoded());
    }

    /** The party, with its RSA and signing keys, working on {@code store}. */
    static DelegationService as(String party, EntityStore store) {
        CryptoProvider provider = provider();
        return DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider,
                        List.of(RSA.get(party).getPrivate().getEncoded(), SIGNING.get(party).clone())))
                .build();
    }
}
