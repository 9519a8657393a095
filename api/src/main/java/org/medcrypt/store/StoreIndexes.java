package org.medcrypt.store;

import java.util.LinkedHashSet;
import java.util.Set;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.HealthcareParty;

/**
 * The keys each index of an {@link EntityStore} files a document under, so that every store
 * indexes the same thing (a store keeps them in index tables, and replaces a document's keys when
 * it replaces the document).
 */
public final class StoreIndexes {

    private StoreIndexes() {
    }

    /**
     * What {@link EntityStore#partiesByKeyFingerprint} finds {@code party} by: the fingerprints
     * (lower case) of its {@code publicKey} and of the owner keys of its {@code aesExchangeKeys};
     * a key shorter than a fingerprint is left out.
     */
    public static Set<String> partyFingerprints(HealthcareParty party) {
        Set<String> fingerprints = new LinkedHashSet<>();
        party.publicKey().ifPresent(spki -> addFingerprint(fingerprints, spki));
        party.aesExchangeKeys().keySet().forEach(spki -> addFingerprint(fingerprints, spki));
        return fingerprints;
    }

    private static void addFingerprint(Set<String> fingerprints, String spki) {
        if (spki.length() >= KeyFingerprint.LENGTH) {
            fingerprints.add(KeyFingerprint.of(spki).value());
        }
    }

    /**
     * What {@link EntityStore#pairKeyOwnersFor} finds {@code party} by: the delegate ids of its
     * {@code hcPartyKeys}, of each {@code aesExchangeKeys[owner key]} and of its
     * {@code medcryptPairKeys}.
     */
    public static Set<String> pairKeyDelegates(HealthcareParty party) {
        Set<String> delegates = new LinkedHashSet<>(party.hcPartyKeys().keySet());
        party.aesExchangeKeys().values().forEach(byDelegate -> delegates.addAll(byDelegate.keySet()));
        delegates.addAll(party.pairKeyEntryDelegates());
        return delegates;
    }

    /**
     * What {@link EntityStore#sharedWith} finds {@code entity} by: the delegate ids of its
     * {@code delegations}, {@code encryptionKeys} and {@code cryptedForeignKeys}.
     */
    public static Set<String> entityDelegates(EncryptableEntity<?> entity) {
        Set<String> delegates = new LinkedHashSet<>();
        for (DelegationKind kind : DelegationKind.values()) {
            delegates.addAll(entity.delegationMap(kind).keySet());
        }
        return delegates;
    }

    /** What {@link EntityStore#bySecretForeignKey} finds {@code entity} by: its {@code secretForeignKeys}, each once. */
    public static Set<String> secretForeignKeys(EncryptableEntity<?> entity) {
        return new LinkedHashSet<>(entity.secretForeignKeys());
    }
}
