package org.medcrypt.scheme;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Parties A to E with RSA-2048 and Ed25519 keys made by the JDK, outside every provider under
 * test, so that no provider only ever reads keys it made itself.
 */
final class TestParties {

    static final List<String> PROVIDERS = List.of("jca", "accp", "conscrypt", "bouncycastle", "tink");
    static final HexFormat HEX = HexFormat.of();
    private static final Map<String, KeyPair> RSA = new LinkedHashMap<>();
    private static final Map<String, byte[]> SIGNING = new LinkedHashMap<>();

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
            for (String party : new String[] {"A", "B", "C", "D", "E"}) {
                RSA.put(party, rsa.generateKeyPair());
                byte[] pkcs8 = ed25519.generateKeyPair().getPrivate().getEncoded();
                // the JDK writes RFC 8410 v1: the seed is the last 32 bytes
                SIGNING.put(party, DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestParties() {
    }

    static CryptoProvider provider(String id) {
        return CryptoProviders.get(id);
    }

    static byte[] rsaPkcs8(String party) {
        return RSA.get(party).getPrivate().getEncoded();
    }

    static byte[] rsaSpki(String party) {
        return RSA.get(party).getPublic().getEncoded();
    }

    static byte[] signingPkcs8(String party) {
        return SIGNING.get(party).clone();
    }

    /** A store with the parties' documents (public keys only, no signing key published yet). */
    static EntityStore newStore() {
        EntityStore store = new InMemoryEntityStore();
        RSA.forEach((id, pair) -> store.saveParty(HealthcareParty.of(id, HEX.formatHex(pair.getPublic().getEncoded()))));
        return store;
    }

    /** The party with its RSA key and its signing key. */
    static DelegationService as(String party, CryptoProvider provider, EntityStore store) {
        return as(party, provider, store, builder -> builder);
    }

    static DelegationService as(String party, CryptoProvider provider, EntityStore store,
            UnaryOperator<DelegationService.Builder> options) {
        return options.apply(DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, List.of(rsaPkcs8(party), signingPkcs8(party)))))
                .build();
    }

    /** The party with its RSA key only (as with keys iCure's SDK made). */
    static DelegationService asWithoutSigningKey(String party, CryptoProvider provider, EntityStore store,
            UnaryOperator<DelegationService.Builder> options) {
        return options.apply(DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, rsaPkcs8(party)))).build();
    }

    static String snapshot(EntityStore store) {
        return MedcryptJson.toPrettyString(Dataset.empty().with(store).toJson());
    }

    /** A fresh store holding a copy of every document of {@code store}, with {@code edit} applied to its JSON. */
    static EntityStore copyWith(EntityStore store, UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
        com.fasterxml.jackson.databind.node.ObjectNode json = Dataset.empty().with(store).toJson();
        return Dataset.fromJson(edit.apply(json)).toStore();
    }
}
