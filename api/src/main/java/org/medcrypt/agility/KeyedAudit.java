package org.medcrypt.agility;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.agility.AuditReport.AccessFailure;
import org.medcrypt.agility.AuditReport.EntityCount;
import org.medcrypt.agility.AuditReport.FailureReason;
import org.medcrypt.agility.AuditReport.PairKeyAccess;
import org.medcrypt.agility.AuditReport.PairKeyStatus;
import org.medcrypt.agility.AuditReport.PartyAccess;
import org.medcrypt.internal.format.V2Envelope;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.CacheAccess;
import org.medcrypt.internal.keys.KeyAccess;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyCandidate;
import org.medcrypt.internal.keys.PairKeyTrust;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.internal.keys.TrustPolicy;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * What one party can open with the keys it holds: every entity of the store is decrypted as a
 * {@link DelegationService} of that party decrypts it (same keys, pins and trust rules), and every
 * pair-key copy the store holds for the party is tried. Reading only: nothing is written.
 *
 * <p>An entity that does not open gets a {@link FailureReason}: the service's verdict
 * (not shared, or does not decrypt), refined by what became of the party's pair-key copies for the
 * pairs its entries name (none; only rejected ones; none unwraps; or one is used, so the value
 * itself fails). A pair-key copy the service does not yield is tried once more with the party's
 * RSA keys to tell a refused key (it unwraps) from one no key given opens; the unwrapped bytes are
 * wiped at once.
 */
public final class KeyedAudit {

    private final CryptoProvider provider;
    private final EntityStore store;
    private final DataOwnerKeys owner;
    private final Map<String, String> pins;
    private final boolean requirePinned;

    private KeyedAudit(Builder builder) {
        this.provider = builder.provider;
        this.store = builder.store;
        this.owner = builder.owner;
        this.pins = Map.copyOf(builder.pins);
        this.requirePinned = builder.requirePinned;
    }

    /** A builder: provider, store and data owner are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the audit.
     *
     * @throws org.medcrypt.KeyException if none of the party's RSA keys is known from the store's
     *     documents (see {@code KeyOwnership})
     */
    public PartyAccess run() {
        PairKeyCache cache = PairKeyCache.create();
        DelegationService.Builder builder = DelegationService.builder().provider(provider).store(store).dataOwner(owner)
                .pairKeyCache(cache).requirePinnedSigningKeys(requirePinned);
        pins.forEach(builder::pinSigningKey);
        DelegationService service = builder.build();
        PairKeys pairKeys = new PairKeys(provider, owner, store, CacheAccess.of(cache),
                new TrustPolicy(false, pins, requirePinned));
        List<PairKeyAccess> copies = pairKeyCopies(pairKeys);
        Map<List<String>, List<PairKeyStatus>> byPair = new HashMap<>();
        for (PairKeyAccess copy : copies) {
            byPair.computeIfAbsent(List.of(copy.owner(), copy.delegate(), copy.suite()), k -> new ArrayList<>())
                    .add(copy.status());
        }
        Map<List<String>, Long> opened = new LinkedHashMap<>();
        List<String> unsigned = new ArrayList<>();
        Map<FailureReason, List<String>> failures = new EnumMap<>(FailureReason.class);
        for (EntityType type : EntityType.values()) {
            for (EncryptableEntity<?> entity : StoreScans.entities(store, type)) {
                try {
                    DecryptedEntity<?> view = decrypt(service, entity);
                    String suite = view.suite().map(WireFormats::label).orElse("none");
                    opened.merge(List.of(KeylessAudit.typeLabel(type), suite), 1L, Long::sum);
                    if (view.readUnderUnsignedPairKey()) {
                        unsigned.add(entity.id());
                    }
                } catch (AccessDeniedException | DecryptionFailedException e) {
                    failures.computeIfAbsent(reason(service, entity, byPair), r -> new ArrayList<>()).add(entity.id());
                } catch (FormatException e) {
                    failures.computeIfAbsent(FailureReason.MALFORMED, r -> new ArrayList<>()).add(entity.id());
                }
            }
        }
        List<EntityCount> openedCounts = new ArrayList<>();
        opened.forEach((key, count) -> openedCounts.add(new EntityCount(key.get(0), key.get(1), count)));
        List<AccessFailure> failureList = new ArrayList<>();
        failures.forEach((reason, ids) -> failureList.add(new AccessFailure(reason, ids.size(), ids)));
        return new PartyAccess(owner.partyId(), provider.id(), owner.keyPairs().size(),
                owner.currentSigningKey().isPresent(), openedCounts, unsigned, failureList, copies);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DecryptedEntity<?> decrypt(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((EncryptableEntity) entity);
    }

    /** Why an entity the service does not open fails for this party. */
    private FailureReason reason(DelegationService service, EncryptableEntity<?> entity,
            Map<List<String>, List<PairKeyStatus>> byPair) {
        String me = owner.partyId();
        List<Delegation> mine = new ArrayList<>();
        for (DelegationKind kind : new DelegationKind[] {DelegationKind.DELEGATIONS, DelegationKind.ENCRYPTION_KEYS}) {
            for (Delegation delegation : entity.allDelegations(kind)) {
                if (delegation.delegatedTo().equals(me) || delegation.owner().equals(me)) {
                    mine.add(delegation);
                }
            }
        }
        boolean contentKeyForMe = mine.stream().anyMatch(d -> entity.allDelegations(DelegationKind.ENCRYPTION_KEYS).contains(d));
        if (mine.isEmpty() || entity.encryptedSelf().isPresent() && !contentKeyForMe) {
            return FailureReason.NOT_SHARED; // nothing, or not its content key, was shared with this party
        }
        try {
            if (!service.contentKeys(entity).isEmpty()) {
                return FailureReason.CONTENT_DOES_NOT_OPEN;
            }
        } catch (AccessDeniedException | DecryptionFailedException e) {
            // the small keys themselves do not open: see which pair keys they need
        }
        boolean usable = false;
        boolean rejected = false;
        boolean notUnwrapped = false;
        for (Delegation delegation : mine) {
            String suite = V2Envelope.looksLikeOne(delegation.key()) ? "v2" : "v1";
            for (PairKeyStatus status : byPair.getOrDefault(List.of(delegation.owner(), delegation.delegatedTo(), suite),
                    List.of())) {
                usable |= status.usable();
                rejected |= status == PairKeyStatus.REJECTED;
                notUnwrapped |= status == PairKeyStatus.NOT_UNWRAPPED;
            }
        }
        if (usable) {
            return FailureReason.VALUE_DOES_NOT_OPEN;
        }
        if (rejected) {
            return FailureReason.PAIR_KEY_REJECTED;
        }
        return notUnwrapped ? FailureReason.PAIR_KEY_NOT_UNWRAPPED : FailureReason.NO_PAIR_KEY;
    }

    /** Every pair-key copy the store holds for this party, in both formats, and what became of it. */
    private List<PairKeyAccess> pairKeyCopies(PairKeys pairKeys) {
        String me = owner.partyId();
        WireFormats formats = new WireFormats(provider);
        Set<String> myFingerprints = new LinkedHashSet<>();
        owner.keyPairs().forEach(pair -> myFingerprints.add(pair.fingerprint().value()));
        List<PairKeyAccess> result = new ArrayList<>();
        for (HealthcareParty party : StoreScans.parties(store)) {
            for (String delegate : delegatesOf(party)) {
                if (!me.equals(party.id()) && !me.equals(delegate)) {
                    continue;
                }
                for (WireFormat format : List.of(formats.of(Suite.V1_ICURE), formats.of(Suite.V2_GCM_OAEP256))) {
                    Map<String, PairKeyTrust> yielded = new HashMap<>();
                    for (PairKey key : pairKeys.forReading(format, party.id(), delegate, Optional.empty())) {
                        yielded.put(key.id().wrappedCopy(), key.trust());
                    }
                    String other = me.equals(party.id()) ? delegate : party.id();
                    Set<String> othersKeys = me.equals(other) ? Set.of() : fingerprints(other);
                    for (PairKeyCandidate candidate : format.candidates(party, delegate, me)) {
                        Optional<String> forKey = candidate.forKey().map(f -> f.value());
                        if (forKey.isPresent() && othersKeys.contains(forKey.get()) && !myFingerprints.contains(forKey.get())) {
                            continue; // the other party's copy: not this party's to open
                        }
                        PairKeyStatus status;
                        PairKeyTrust trust = yielded.get(candidate.id().wrappedCopy());
                        if (trust != null) {
                            status = status(trust);
                        } else if (forKey.isPresent() && !myFingerprints.contains(forKey.get())) {
                            status = PairKeyStatus.NOT_UNWRAPPED;
                        } else {
                            status = unwraps(format, candidate) ? PairKeyStatus.REJECTED : PairKeyStatus.NOT_UNWRAPPED;
                        }
                        result.add(new PairKeyAccess(party.id(), delegate, format.label(), forKey, status));
                    }
                }
            }
        }
        return result;
    }

    /** The fingerprints of every public key a party's document names: publicKey, iCure's oldPublicKeys, aesExchangeKeys. */
    private Set<String> fingerprints(String partyId) {
        Set<String> fingerprints = new java.util.HashSet<>();
        store.party(partyId).ifPresent(party -> {
            List<String> keys = new ArrayList<>(party.aesExchangeKeys().keySet());
            party.publicKey().ifPresent(keys::add);
            party.toJson().path("oldPublicKeys").forEach(key -> keys.add(key.asText()));
            for (String spki : keys) {
                if (spki.length() >= KeyFingerprint.LENGTH) {
                    fingerprints.add(KeyFingerprint.of(spki).value());
                }
            }
        });
        return fingerprints;
    }

    private static Set<String> delegatesOf(HealthcareParty party) {
        Set<String> delegates = new LinkedHashSet<>(party.hcPartyKeys().keySet());
        party.aesExchangeKeys().values().forEach(byDelegate -> delegates.addAll(byDelegate.keySet()));
        delegates.addAll(party.pairKeyEntryDelegates());
        return delegates;
    }

    private static PairKeyStatus status(PairKeyTrust trust) {
        return switch (trust) {
            case SIGNED_OWN -> PairKeyStatus.SIGNED_OWN;
            case SIGNED_PINNED -> PairKeyStatus.SIGNED_PINNED;
            case SIGNED_PUBLISHED -> PairKeyStatus.SIGNED_PUBLISHED;
            case UNSIGNED -> PairKeyStatus.UNSIGNED;
            case REJECTED -> PairKeyStatus.REJECTED;
        };
    }

    /** Whether any of this party's RSA keys unwraps the copy; the result is wiped, never kept. */
    private boolean unwraps(WireFormat format, PairKeyCandidate candidate) {
        Optional<byte[]> wrapped = format.decodeWrapped(candidate.id().wrappedCopy());
        if (wrapped.isEmpty()) {
            return false;
        }
        byte[] label = format.wrappingLabel(candidate.id().keyId(), candidate.id().owner(), candidate.id().delegate());
        for (DataOwnerKeys.OwnedKeyPair pair : owner.keyPairs()) {
            try {
                byte[] raw = provider.rsaOaep().decrypt(KeyAccess.privateKey(pair), format.wrapping(), wrapped.get(), label);
                Arrays.fill(raw, (byte) 0);
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not wrapped for this key pair
            }
        }
        return false;
    }

    /** Builds a {@link KeyedAudit}; {@link #build()} checks that it is complete. */
    public static final class Builder {
        private CryptoProvider provider;
        private EntityStore store;
        private DataOwnerKeys owner;
        private final Map<String, String> pins = new LinkedHashMap<>();
        private boolean requirePinned;

        private Builder() {
        }

        /** The crypto provider; required. */
        public Builder provider(CryptoProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** The documents to audit (read only); required. */
        public Builder store(EntityStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The party and its private keys; required. */
        public Builder dataOwner(DataOwnerKeys owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /** As {@link DelegationService.Builder#pinSigningKey}. */
        public Builder pinSigningKey(String partyId, String signingKeyHex) {
            pins.put(Objects.requireNonNull(partyId, "partyId"),
                    Objects.requireNonNull(signingKeyHex, "signingKeyHex").toLowerCase(java.util.Locale.ROOT));
            return this;
        }

        /** As {@link DelegationService.Builder#requirePinnedSigningKeys}. */
        public Builder requirePinnedSigningKeys(boolean require) {
            this.requirePinned = require;
            return this;
        }

        /** The audit; fails if provider, store or data owner is missing. */
        public KeyedAudit build() {
            if (provider == null || store == null || owner == null) {
                throw new IllegalStateException("KeyedAudit needs a provider(...), a store(...) and a dataOwner(...)");
            }
            return new KeyedAudit(this);
        }
    }
}
