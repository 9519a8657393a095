package org.medcrypt.keys;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.medcrypt.KeyException;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;

/**
 * Whether private keys belong to the party they are used for, judged from the documents: a key
 * of party X has, as its public half, X's {@code publicKey}, an owner key of X's own
 * {@code aesExchangeKeys}, or a fingerprint some party wrapped a pair key for X under
 * ({@code aesExchangeKeys[…][X]}, which is how old keys after a rotation are still known).
 *
 * <p>This turns "someone else's key" into a clear error instead of a data owner who silently
 * sees nothing. It reads the owner's document and those of the parties holding a pair key with
 * it ({@link EntityStore#pairKeyOwnersFor}), never the whole store.
 */
public final class KeyOwnership {

    private KeyOwnership() {
    }

    /**
     * The key pairs the store's documents do not know as keys of the owner; empty when the
     * documents say nothing about the owner's keys (no party document, no public key, no
     * wrapped pair key), since then there is nothing to judge by.
     */
    public static List<DataOwnerKeys.OwnedKeyPair> unrecognised(DataOwnerKeys keys, EntityStore store) {
        String me = keys.partyId();
        Set<String> publicKeys = new HashSet<>();
        Optional<HealthcareParty> party = store.party(me);
        party.flatMap(HealthcareParty::publicKey).ifPresent(spki -> publicKeys.add(spki.toLowerCase(Locale.ROOT)));
        party.ifPresent(p -> p.aesExchangeKeys().keySet().forEach(spki -> publicKeys.add(spki.toLowerCase(Locale.ROOT))));
        Set<String> fingerprints = new HashSet<>();
        // indexed: only the parties holding a pair key with me, never every party
        for (HealthcareParty owner : store.pairKeyOwnersFor(me)) {
            for (Map<String, Map<String, String>> byDelegate : owner.aesExchangeKeys().values()) {
                Map<String, String> forMe = byDelegate.get(me);
                if (forMe != null) {
                    forMe.keySet().forEach(fp -> fingerprints.add(fp.toLowerCase(Locale.ROOT)));
                }
            }
        }
        if (publicKeys.isEmpty() && fingerprints.isEmpty()) {
            return List.of();
        }
        return keys.keyPairs().stream()
                .filter(pair -> !publicKeys.contains(pair.spkiHex().toLowerCase(Locale.ROOT))
                        && !fingerprints.contains(pair.fingerprint().value()))
                .collect(Collectors.toUnmodifiableList());
    }

    /**
     * Throws unless at least one of the keys is known as the owner's (see the class comment).
     *
     * @throws KeyException naming the party, never the key
     */
    public static void requireAtLeastOneRecognised(DataOwnerKeys keys, EntityStore store) {
        if (unrecognised(keys, store).size() == keys.keyPairs().size()) {
            throw new KeyException("none of the private keys given for '" + keys.partyId() + "' is a key of '"
                    + keys.partyId() + "': their public keys are neither its publicKey nor one a pair key was "
                    + "wrapped for; use the private key of '" + keys.partyId() + "'");
        }
    }
}
