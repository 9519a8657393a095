package org.medcrypt.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;

/**
 * Checks every indexed look-up against the answer computed by brute force from a scan and the
 * documents' own fields (not from the store's index definitions), and that every look-up returns
 * the stored version of each document, once.
 */
final class IndexCheck {

    private IndexCheck() {
    }

    static void assertLookUpsAgreeWithScan(EntityStore store, Collection<String> delegates, Collection<String> secretForeignKeys,
            Collection<String> keySeeds) {
        List<HealthcareParty> parties = EntityStoreConformance.scanParties(store);
        Map<String, HealthcareParty> partiesById = parties.stream()
                .collect(Collectors.toMap(HealthcareParty::id, party -> party));
        assertThat(partiesById).as("a scan lists each party once").hasSameSizeAs(parties);
        assertThat(store.parties(partiesById.keySet())).as("batched read of every party").isEqualTo(partiesById);
        for (HealthcareParty party : parties) {
            assertThat(store.party(party.id())).hasValue(party);
        }
        for (String delegate : delegates) {
            assertParties(store.pairKeyOwnersFor(delegate), parties, party -> holdsPairKeyFor(party, delegate),
                    "pairKeyOwnersFor(" + delegate + ")", partiesById);
        }
        for (String seed : keySeeds) {
            String fingerprint = KeyFingerprint.of(KitDocuments.publicKey(seed)).value();
            assertParties(store.partiesByKeyFingerprint(new KeyFingerprint(fingerprint)), parties,
                    party -> listsKey(party, fingerprint), "partiesByKeyFingerprint(" + seed + ")", partiesById);
        }
        for (EntityType type : EntityType.values()) {
            List<EncryptableEntity<?>> all = EntityStoreConformance.scan(store, type);
            Map<String, EncryptableEntity<?>> byId = all.stream().collect(Collectors.toMap(EncryptableEntity::id, e -> e));
            assertThat(byId).as("a scan lists each %s once", type).hasSameSizeAs(all);
            assertThat(store.entities(type, byId.keySet())).as("batched read of every %s", type).isEqualTo(byId);
            for (String key : secretForeignKeys) {
                assertEntities(store.bySecretForeignKey(type, key), all, e -> e.secretForeignKeys().contains(key),
                        "bySecretForeignKey(" + type + ", " + key + ")", byId);
                assertThat(store.hasSecretForeignKey(type, key)).as("hasSecretForeignKey(%s, %s) against a scan", type, key)
                        .isEqualTo(all.stream().anyMatch(e -> e.secretForeignKeys().contains(key)));
            }
            for (String delegate : delegates) {
                assertEntities(EntityStoreConformance.sharedWith(store, type, delegate), all, e -> isSharedWith(e, delegate),
                        "sharedWith(" + type + ", " + delegate + ")", byId);
            }
        }
    }

    private static void assertParties(List<HealthcareParty> found, List<HealthcareParty> all, Predicate<HealthcareParty> expected,
            String what, Map<String, HealthcareParty> stored) {
        assertThat(found).as(what + " against a scan").containsExactlyInAnyOrderElementsOf(all.stream().filter(expected).toList());
        found.forEach(party -> assertThat(party).as(what + " gives the stored version").isEqualTo(stored.get(party.id())));
    }

    private static void assertEntities(List<EncryptableEntity<?>> found, List<EncryptableEntity<?>> all,
            Predicate<EncryptableEntity<?>> expected, String what, Map<String, EncryptableEntity<?>> stored) {
        assertThat(EntityStoreConformance.ids(found)).as(what + " against a scan")
                .containsExactlyInAnyOrderElementsOf(EntityStoreConformance.ids(all.stream().filter(expected).toList()));
        found.forEach(entity -> assertThat(entity).as(what + " gives the stored version").isEqualTo(stored.get(entity.id())));
    }

    private static boolean isSharedWith(EncryptableEntity<?> entity, String delegate) {
        for (DelegationKind kind : DelegationKind.values()) {
            if (entity.delegationMap(kind).containsKey(delegate)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsPairKeyFor(HealthcareParty party, String delegate) {
        return party.hcPartyKeys().containsKey(delegate) || !party.pairKeyEntries(delegate).isEmpty()
                || party.aesExchangeKeys().values().stream().anyMatch(byDelegate -> byDelegate.containsKey(delegate));
    }

    private static boolean listsKey(HealthcareParty party, String fingerprint) {
        Predicate<String> matches = spki -> spki.length() >= KeyFingerprint.LENGTH
                && spki.substring(spki.length() - KeyFingerprint.LENGTH).toLowerCase(Locale.ROOT).equals(fingerprint);
        return party.publicKey().filter(matches).isPresent() || party.aesExchangeKeys().keySet().stream().anyMatch(matches);
    }

}
