package org.medcrypt.interop;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Parties A, B and C with RSA-2048 keys made by the JDK, outside every provider under test, so
 * that no provider only ever reads keys it made itself.
 */
final class Parties {

    private static final Map<String, KeyPair> KEYS = new LinkedHashMap<>();
    private static final Map<String, byte[]> SIGNING = new LinkedHashMap<>();

    static {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
            for (String party : new String[] {"A", "B", "C"}) {
                KEYS.put(party, generator.generateKeyPair());
                byte[] pkcs8 = ed25519.generateKeyPair().getPrivate().getEncoded();
                SIGNING.put(party, DataOwnerKeys.ed25519Pkcs8(java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Parties() {
    }

    static byte[] pkcs8(String party) {
        return KEYS.get(party).getPrivate().getEncoded();
    }

    /** The party's RSA key and Ed25519 signing key, parsed by {@code provider}. */
    static DataOwnerKeys keys(String party, CryptoProvider provider) {
        return DataOwnerKeys.fromPkcs8(party, provider, java.util.List.of(pkcs8(party), SIGNING.get(party).clone()));
    }

    /** A store with the three parties' documents (public keys only). */
    static EntityStore newStore() {
        EntityStore store = new InMemoryEntityStore();
        KEYS.forEach((id, pair) -> store.saveParty(
                HealthcareParty.of(id, HexFormat.of().formatHex(pair.getPublic().getEncoded()))));
        return store;
    }

    static DelegationService as(String party, CryptoProvider provider, EntityStore store) {
        return as(party, provider, store, Suite.V2_GCM_OAEP256);
    }

    /** The party with its RSA and Ed25519 keys, writing new entities in {@code suite}. */
    static DelegationService as(String party, CryptoProvider provider, EntityStore store, Suite suite) {
        return DelegationService.builder().provider(provider).store(store).suite(suite)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, java.util.List.of(pkcs8(party), SIGNING.get(party).clone())))
                .build();
    }
}
