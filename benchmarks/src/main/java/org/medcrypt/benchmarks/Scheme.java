package org.medcrypt.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.InMemoryEntityStore;

/** Small helpers the scheme-level scenarios share. */
final class Scheme {

    private Scheme() {
    }

    static InMemoryEntityStore storeWith(Collection<String> parties) {
        InMemoryEntityStore store = new InMemoryEntityStore();
        for (String party : parties) {
            store.saveParty(HealthcareParty.of(party, PartyKeys.spkiHex(party)));
        }
        return store;
    }

    /** The {@code @Param} values of the suite: {@code "v1"} and {@code "v2"}. */
    static Suite suite(String label) {
        switch (label) {
            case "v1":
                return Suite.V1_ICURE;
            case "v2":
                return Suite.V2_GCM_OAEP256;
            default:
                throw new IllegalArgumentException("suite is v1 or v2, not " + label);
        }
    }

    /** The party's RSA key and Ed25519 signing key, parsed by {@code provider}. */
    static DataOwnerKeys keys(CryptoProvider provider, String party) {
        byte[] rsa = PartyKeys.pkcs8(party);
        byte[] signing = PartyKeys.signingPkcs8(party);
        try {
            return DataOwnerKeys.fromPkcs8(party, provider, List.of(rsa, signing));
        } finally {
            Arrays.fill(rsa, (byte) 0);
            Arrays.fill(signing, (byte) 0);
        }
    }

    /** A service writing new entities in {@code suite}. */
    static DelegationService service(CryptoProvider provider, EntityStore store, DataOwnerKeys keys,
            PairKeyCache cache, Suite suite) {
        return DelegationService.builder().provider(provider).store(store).dataOwner(keys).pairKeyCache(cache)
                .suite(suite).build();
    }

    static ObjectNode document(String id, String field, String value) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        node.put("id", id);
        node.put(field, value);
        return node;
    }

    /** A copy of everything in {@code source}, in a new store (entities are immutable: shared). */
    static InMemoryEntityStore copyOf(EntityStore source) {
        InMemoryEntityStore copy = new InMemoryEntityStore();
        List<EncryptableEntity<?>> all = new java.util.ArrayList<>();
        for (EntityType type : EntityType.values()) {
            all.addAll(source.scanEntities(type).toList());
        }
        copy.saveAll(source.scanParties().toList(), all);
        return copy;
    }

    /**
     * Keeps parties, forgets entities: lets {@code createPatient} run millions of times without
     * the store growing (ids are never found, so every id is new).
     */
    static final class DiscardingStore extends org.medcrypt.store.ForwardingEntityStore {
        DiscardingStore() {
            super(new InMemoryEntityStore());
        }

        @Override
        public org.medcrypt.store.UpdateResult apply(StoreUpdate update) {
            StoreUpdate.Builder partiesOnly = StoreUpdate.builder();
            update.partyExpectations().forEach(partiesOnly::expect);
            update.parties().forEach(partiesOnly::save);
            org.medcrypt.store.UpdateResult saved = super.apply(partiesOnly.build());
            return saved.applied() ? org.medcrypt.store.UpdateResult.applied(saved.parties(), update.entities()) : saved;
        }
    }
}
