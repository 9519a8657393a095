package org.medcrypt.agility;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.medcrypt.ConflictException;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.internal.RandomIds;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKeyCandidate;
import org.medcrypt.internal.keys.SigningKeyChain;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.KeyOwnership;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.model.SigningKeyRotation;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.RsaPublicKey;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;

/**
 * Key rotation: a party moves to a new RSA key pair and a new Ed25519 signing key without losing
 * access to anything, and without re-encrypting any entity (values name or try pair keys, and a
 * pair key keeps its bytes; only its wrapped copies change).
 *
 * <ol>
 *   <li>{@link #rotate}: the party (with its current keys) publishes the new keys in its document —
 *       {@code publicKey}, {@code medcryptSigningKey}, {@code medcryptPublicKeySignature}, and a
 *       {@code medcryptSigningKeyRotations} step in which the old signing key endorses the new one
 *       (readers who pinned the old key follow it) — adds, for every pair key it owns, a copy
 *       wrapped for the new key (iCure's multi-key form: {@code aesExchangeKeys[ownerKey][delegate][newFingerprint]};
 *       a signed pair key also gets a new {@code medcryptPairKeys} entry signed with the new
 *       signing key, placed first), and writes one key-update request per party that owns a pair
 *       key with it (iCure's {@code KEY_PAIR_UPDATE}), carrying a proof per pair key.</li>
 *   <li>{@link #grantKeyUpdates}: each such owner adds a copy of its pair key wrapped for the new
 *       key (re-signed when it signed the key), for the keys whose proof the request carries, and
 *       marks the request {@code completed}.</li>
 * </ol>
 *
 * <p>Nothing is removed: every old copy stays, so the old key keeps reading until the party drops
 * it (there is no retire step: a store keeps what it has anyway). Each call writes with one
 * {@link EntityStore#apply} conditional on the documents it read: a failure, or a concurrent
 * change ({@link ConflictException}), leaves the store as it was. Calling again after success
 * changes nothing for what is done already.
 */
public final class KeyRotation {

    private final CryptoProvider provider;
    private final EntityStore store;
    private final PairKeyWrapping wrapping;

    private KeyRotation(CryptoProvider provider, EntityStore store) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.store = Objects.requireNonNull(store, "store");
        this.wrapping = new PairKeyWrapping(provider);
    }

    /** Key rotation on {@code store}, with {@code provider}'s cryptography. */
    public static KeyRotation of(CryptoProvider provider, EntityStore store) {
        return new KeyRotation(provider, store);
    }

    // ---------------------------------------------------------------- rotate

    /**
     * Rotates {@code current.partyId()} to the first RSA key and the first signing key of {@code next}.
     *
     * @param current the party's keys now: the private key of its {@code publicKey}, and the signing
     *     key its document publishes, if it publishes one (it endorses the new one); older RSA keys
     *     may follow (their copies are re-wrapped too). Only pair keys signed by its first signing
     *     key ({@link DataOwnerKeys#currentSigningKey()}) are re-signed with the new one
     * @param next the new keys (from {@code medcrypt keygen}): an RSA key and a signing key
     * @throws NotFoundException if the party is not in the store
     * @throws KeyException if a needed key is missing or the new keys are not new
     * @throws ConflictException if the store changed meanwhile (nothing was written)
     */
    public RotationResult rotate(DataOwnerKeys current, DataOwnerKeys next) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(next, "next");
        String me = current.partyId();
        if (!me.equals(next.partyId())) {
            throw new KeyException("the new keys are for '" + next.partyId() + "', not for '" + me + "'");
        }
        HealthcareParty stored = store.party(me).orElseThrow(() -> new NotFoundException(
                "healthcare party '" + me + "' is not in the store: nothing to rotate"));
        KeyOwnership.requireAtLeastOneRecognised(current, store);
        String oldSpki = stored.publicKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + me + "' has no publicKey: there is no key to rotate"));
        DataOwnerKeys.OwnedKeyPair oldPair = current.keyPairs().stream()
                .filter(pair -> pair.spkiHex().equalsIgnoreCase(oldSpki)).findFirst()
                .orElseThrow(() -> new KeyException("the private key of the current publicKey of '" + me
                        + "' is not among the keys given: rotate with the party's current key"));
        DataOwnerKeys.OwnedKeyPair newPair = next.keyPairs().get(0);
        DataOwnerKeys.SigningKey newSigning = next.currentSigningKey().orElseThrow(() -> new KeyException(
                "the new keys of '" + me + "' have no Ed25519 signing key: generate both with keygen"));
        if (knownPublicKeys(stored).contains(newPair.spkiHex().toLowerCase(Locale.ROOT))
                || current.byFingerprint(newPair.fingerprint()).isPresent()) {
            throw new KeyException("the new RSA key is already a key of '" + me + "': generate a new one");
        }
        Optional<String> published = stored.signingKey();
        if (published.isPresent() && published.get().equalsIgnoreCase(newSigning.publicKeyHex())
                || current.signingKeys().stream().anyMatch(key -> key.publicKeyHex().equalsIgnoreCase(newSigning.publicKeyHex()))) {
            throw new KeyException("the new signing key is already a signing key of '" + me + "': generate a new one");
        }
        Optional<DataOwnerKeys.SigningKey> endorsing = published.map(hex -> current.signingKeys().stream()
                .filter(key -> key.publicKeyHex().equalsIgnoreCase(hex)).findFirst()
                .orElseThrow(() -> new KeyException("the signing key that '" + me + "' publishes (medcryptSigningKey) is "
                        + "not among the keys given: it must endorse the new one, so that readers who pinned it follow "
                        + "the rotation; pass the party's current key file")));
        // only the current signing key (the first given) vouches for a pair key as the party's own:
        // an older one loaded beside it may be stolen, and what it alone signed is not re-signed
        List<String> mySigners = ownSigner(current);
        String newSpki = newPair.spkiHex();
        String newFp = newPair.fingerprint().value();

        PartyDocumentEdit edit = new PartyDocumentEdit(stored);
        List<PairKeyRef> rewrapped = new ArrayList<>();
        List<SkippedPairKey> skipped = new ArrayList<>();
        Set<String> handledSlots = new HashSet<>();

        // 1. signed medcryptPairKeys entries (v1 and v2): a copy for the new key, signed with the new key, placed first
        for (String delegate : stored.pairKeyEntryDelegates()) {
            boolean self = delegate.equals(me);
            Set<List<String>> done = new HashSet<>();
            for (PairKeyEntry entry : stored.pairKeyEntries(delegate)) {
                if (!entry.isDisplaced() && entry.ownerKey().equalsIgnoreCase(newFp)) {
                    done.add(group(entry, self));
                }
            }
            for (PairKeyEntry entry : stored.pairKeyEntries(delegate)) {
                Optional<WireFormat> format = wrapping.format(entry.suite());
                if (entry.isDisplaced() || format.isEmpty() || done.contains(group(entry, self))) {
                    continue;
                }
                PairKeyRef ref = new PairKeyRef(me, delegate, entry.suite(), "medcryptPairKeys id=" + entry.id());
                if (!wrapping.signedByOneOf(format.get(), me, delegate, entry, mySigners)) {
                    skipped.add(new SkippedPairKey(ref, "not signed by a signing key of '" + me + "' given: not vouched for again"));
                    continue;
                }
                Optional<PairKeyWrapping.Opened> opened = wrapping.unwrap(format.get(), entry.forOwner(), entry.id(), me,
                        delegate, Optional.of(entry.ownerKey()), current);
                if (opened.isEmpty()) {
                    skipped.add(new SkippedPairKey(ref, "its copy for '" + me + "' does not open with the keys given"));
                    continue;
                }
                try (PairKeyWrapping.Opened key = opened.get()) {
                    String forOwner = wrapping.wrap(format.get(), key.raw, newPair.publicKey(), entry.id(), me, delegate);
                    String forDelegate = self
                            ? wrapping.wrap(format.get(), key.raw, newPair.publicKey(), entry.id(), me, delegate)
                            : entry.forDelegate();
                    PairKeyEntry unsigned = new PairKeyEntry(entry.suite(), entry.id(), newFp, self ? newFp : entry.delegateKey(),
                            forOwner, forDelegate, Optional.empty(), Map.of());
                    edit.prependEntry(delegate, wrapping.signed(format.get(), me, delegate, unsigned, newSigning));
                    if (format.get().suite() == Suite.V1_ICURE) {
                        edit.exchangeSlotHolding(delegate, entry.forOwner()).ifPresent(spki -> {
                            edit.putExchangeCopy(spki, delegate, newFp, forOwner);
                            handledSlots.add(slot(spki, delegate));
                        });
                    }
                }
                done.add(group(entry, self)); // an entry that fails its check must not hide a good one of the same key
                rewrapped.add(ref);
            }
        }

        // 2. iCure's slots and hcPartyKeys not covered by a signed entry (unsigned v1 keys, as iCure's SDK makes them)
        rewrapIcureSlots(stored, current, newPair.publicKey(), newFp, handledSlots, edit, rewrapped, skipped,
                me, delegate -> true);

        // 3. the document: new keys published, the old key still listed among the party's keys
        edit.ensureExchangeKeyOwner(oldSpki);
        edit.ensureExchangeKeyOwner(newSpki);
        edit.putText("publicKey", newSpki);
        edit.putText(HealthcareParty.SIGNING_KEY, newSigning.publicKeyHex());
        edit.putText(HealthcareParty.PUBLIC_KEY_SIGNATURE, PairKeySignatures.encodePublicKeySignature(
                newSigning.sign(PairKeySignatures.publicKeyMessage(me, newSpki))));
        endorsing.ifPresent(old -> edit.addSigningKeyRotation(new SigningKeyRotation(old.publicKeyHex(),
                newSigning.publicKeyHex(), PairKeySignatures.encodeSigningKeyRotation(old.sign(
                        PairKeySignatures.signingKeyRotationMessage(me, old.publicKeyHex(), newSigning.publicKeyHex()))))));

        // 4. one key-update request per owner of pair keys with this party
        List<KeyUpdateRequest> requests = new ArrayList<>();
        for (KeyUpdateRequest earlier : PartyDocumentEdit.requests(stored)) {
            if (earlier.isPending()) {
                edit.setRequestStatus(earlier.id(), KeyUpdateRequest.CANCELLED); // superseded by this rotation
            }
        }
        for (HealthcareParty owner : store.pairKeyOwnersFor(me)) { // indexed: only they can hold a key for me
            if (owner.id().equals(me)) {
                continue;
            }
            Set<String> proofs = new LinkedHashSet<>();
            for (Suite suite : Suite.values()) {
                WireFormat format = wrapping.format(suite);
                for (PairKeyCandidate candidate : format.candidates(owner, me, me)) {
                    Optional<PairKeyWrapping.Opened> opened = wrapping.unwrap(format, candidate.id().wrappedCopy(),
                            candidate.id().keyId(), owner.id(), me, candidate.forKey().map(KeyFingerprint::value), current);
                    if (opened.isPresent()) {
                        try (PairKeyWrapping.Opened key = opened.get()) {
                            proofs.add(wrapping.proof(key.raw, format.label(), owner.id(), me, newSpki));
                        }
                    }
                }
            }
            if (proofs.isEmpty()) {
                if (hasPairKeysWith(owner, me)) {
                    skipped.add(new SkippedPairKey(new PairKeyRef(owner.id(), me, "any", "document of '" + owner.id() + "'"),
                            "no copy for '" + me + "' opens with the keys given: nothing to ask '" + owner.id() + "' for"));
                }
                continue;
            }
            KeyUpdateRequest request = new KeyUpdateRequest(RandomIds.uuid(provider.random()), me, owner.id(), newSpki,
                    KeyUpdateRequest.PENDING, List.copyOf(proofs));
            edit.addRequest(request);
            requests.add(request);
        }

        HealthcareParty updated = edit.build();
        if (!store.apply(StoreUpdate.builder().expectParty(me, Optional.of(stored)).save(updated).build()).applied()) {
            throw new ConflictException("the document of '" + me + "' changed during the key rotation; nothing was "
                    + "written: rotate again");
        }
        return new RotationResult(me, oldPair.fingerprint(), newPair.fingerprint(), newSigning.publicKeyHex(),
                rewrapped, requests, skipped);
    }

    // ---------------------------------------------------------------- grant

    /** Same as {@link #grantKeyUpdates(DataOwnerKeys, Map)} with no pinned signing keys. */
    public GrantResult grantKeyUpdates(DataOwnerKeys granter) {
        return grantKeyUpdates(granter, Map.of());
    }

    /**
     * Fulfils the pending key-update requests addressed to {@code granter.partyId()}: for each pair
     * key it owns with the requester whose proof the request carries, adds a copy wrapped for the
     * requester's new {@code publicKey} (a signed key gets a new entry signed by the granter), and
     * marks the request {@code completed}. A request for a key that is no longer the requester's
     * {@code publicKey} is {@code cancelled}; one whose new key is not signed by the requester's
     * signing key (the pinned one, followed through its rotations, else the published one) is left
     * pending and reported, as is a malformed one (no well-formed proof, or a new key that is no RSA
     * public key): the other requests are still granted. Only pair keys the granter's current
     * signing key signed are re-wrapped. One atomic write for all requests.
     *
     * @param pinnedSigningKeys party id → Ed25519 public key (hex) obtained out of band
     * @throws ConflictException if the store changed meanwhile (nothing was written)
     */
    public GrantResult grantKeyUpdates(DataOwnerKeys granter, Map<String, String> pinnedSigningKeys) {
        Objects.requireNonNull(granter, "granter");
        Map<String, String> pins = Map.copyOf(pinnedSigningKeys);
        String me = granter.partyId();
        HealthcareParty myDocument = store.party(me).orElseThrow(() -> new NotFoundException(
                "healthcare party '" + me + "' is not in the store"));
        KeyOwnership.requireAtLeastOneRecognised(granter, store);
        List<String> mySigners = ownSigner(granter);
        PartyDocumentEdit mine = new PartyDocumentEdit(myDocument);
        Map<String, PartyDocumentEdit> requesters = new LinkedHashMap<>();
        List<GrantResult.Granted> granted = new ArrayList<>();
        List<GrantResult.Refused> refused = new ArrayList<>();
        for (HealthcareParty requester : StoreScans.parties(store)) {
            if (requester.id().equals(me)) {
                continue;
            }
            for (KeyUpdateRequest request : PartyDocumentEdit.requests(requester)) {
                if (!request.isPending() || !request.granter().equals(me)) {
                    continue;
                }
                PartyDocumentEdit theirs = requesters.computeIfAbsent(requester.id(), id -> new PartyDocumentEdit(requester));
                if (!requester.publicKey().map(request.newPublicKey()::equalsIgnoreCase).orElse(false)) {
                    theirs.setRequestStatus(request.id(), KeyUpdateRequest.CANCELLED);
                    refused.add(new GrantResult.Refused(request, "it names a key that is no longer the publicKey of '"
                            + requester.id() + "' (superseded): cancelled"));
                    continue;
                }
                // one malformed request is refused on its own: the others are still granted
                if (request.proofs().stream().noneMatch(KeyRotation::wellFormedProof)) {
                    refused.add(new GrantResult.Refused(request, "it carries no well-formed proof (64 hex digits): "
                            + "nothing can be granted; left pending"));
                    continue;
                }
                RsaPublicKey newKey;
                try {
                    KeyFingerprint.of(request.newPublicKey());
                    newKey = wrapping.publicKey(request.newPublicKey(), requester.id());
                } catch (KeyException e) {
                    refused.add(new GrantResult.Refused(request, "its new publicKey is not a usable RSA public key ("
                            + e.getMessage() + "): left pending"));
                    continue;
                }
                Optional<String> untrusted = untrustedNewKey(requester, Optional.ofNullable(pins.get(requester.id())));
                if (untrusted.isPresent()) {
                    refused.add(new GrantResult.Refused(request, untrusted.get()));
                    continue;
                }
                List<PairKeyRef> done = grant(request, requester, newKey, granter, mySigners, mine);
                if (done.isEmpty()) {
                    refused.add(new GrantResult.Refused(request, "no pair key of '" + me + "' with '" + requester.id()
                            + "' matches the request's proofs (or each already has a copy for the new key): left pending"));
                    continue;
                }
                theirs.setRequestStatus(request.id(), KeyUpdateRequest.COMPLETED);
                granted.add(new GrantResult.Granted(request, done));
            }
        }
        StoreUpdate.Builder update = StoreUpdate.builder();
        boolean any = false;
        if (mine.changed()) {
            update.expectParty(me, Optional.of(myDocument)).save(mine.build());
            any = true;
        }
        for (Map.Entry<String, PartyDocumentEdit> requester : requesters.entrySet()) {
            if (requester.getValue().changed()) {
                update.expectParty(requester.getKey(), Optional.of(requester.getValue().original()))
                        .save(requester.getValue().build());
                any = true;
            }
        }
        if (any && !store.apply(update.build()).applied()) {
            throw new ConflictException("the documents changed while granting key updates; nothing was written: "
                    + "grant again");
        }
        return new GrantResult(me, granted, refused);
    }

    /** Why the requester's new public key is not vouched for, if it is not. */
    private Optional<String> untrustedNewKey(HealthcareParty requester, Optional<String> pinned) {
        String id = requester.id();
        List<String> signers = pinned.map(pin -> SigningKeyChain.from(pin, requester, wrapping::verify))
                .or(() -> requester.signingKey().map(List::of)).orElse(List.of());
        if (signers.isEmpty()) {
            return Optional.empty(); // an iCure party without a signing key: the proofs alone vouch for the request
        }
        String spki = requester.publicKey().orElseThrow();
        byte[] message = PairKeySignatures.publicKeyMessage(id, spki);
        boolean valid = requester.publicKeySignature().flatMap(PairKeySignatures::decodePublicKeySignature)
                .map(signature -> signers.stream().anyMatch(signer -> wrapping.verify(signer, message, signature)))
                .orElse(false);
        return valid ? Optional.empty() : Optional.of("the new publicKey of '" + id + "' is not signed by "
                + (pinned.isPresent() ? "the signing key pinned for it (or one it endorsed)" : "the signing key its document publishes")
                + ": the document may have been altered; left pending");
    }

    private static boolean wellFormedProof(String proof) {
        return proof.length() == 64 && org.medcrypt.internal.Hex.isHex(proof);
    }

    /** The signing key that vouches for a pair key as the party's own: its current one only. */
    private static List<String> ownSigner(DataOwnerKeys keys) {
        return keys.currentSigningKey().map(key -> List.of(key.publicKeyHex())).orElse(List.of());
    }

    private List<PairKeyRef> grant(KeyUpdateRequest request, HealthcareParty requester, RsaPublicKey newKey,
            DataOwnerKeys granter, List<String> mySigners, PartyDocumentEdit mine) {
        String me = granter.partyId();
        String them = requester.id();
        HealthcareParty myDocument = mine.original();
        String newFp = KeyFingerprint.of(request.newPublicKey()).value();
        List<PairKeyRef> done = new ArrayList<>();
        Set<String> handledSlots = new HashSet<>();
        Set<List<String>> groups = new HashSet<>();
        for (PairKeyEntry entry : myDocument.pairKeyEntries(them)) {
            if (!entry.isDisplaced() && entry.delegateKey().equalsIgnoreCase(newFp)) {
                groups.add(List.of(entry.suite(), entry.id()));
            }
        }
        for (PairKeyEntry entry : myDocument.pairKeyEntries(them)) {
            Optional<WireFormat> format = wrapping.format(entry.suite());
            if (entry.isDisplaced() || format.isEmpty() || groups.contains(List.of(entry.suite(), entry.id()))
                    || !wrapping.signedByOneOf(format.get(), me, them, entry, mySigners)) {
                continue;
            }
            Optional<PairKeyWrapping.Opened> opened = wrapping.unwrap(format.get(), entry.forOwner(), entry.id(), me, them,
                    Optional.of(entry.ownerKey()), granter);
            if (opened.isEmpty()) {
                continue;
            }
            try (PairKeyWrapping.Opened key = opened.get()) {
                if (!PairKeyWrapping.contains(request.proofs(), wrapping.proof(key.raw, entry.suite(), me, them, request.newPublicKey()))) {
                    continue;
                }
                DataOwnerKeys.SigningKey signing = granter.currentSigningKey().orElseThrow(() -> new KeyException(
                        "'" + me + "' has no signing key loaded, and its pair key with '" + them + "' is signed: load its "
                                + "signing key to vouch for the new copy"));
                requirePublishedSigningKey(myDocument, signing);
                String forDelegate = wrapping.wrap(format.get(), key.raw, newKey, entry.id(), me, them);
                PairKeyEntry unsigned = new PairKeyEntry(entry.suite(), entry.id(), entry.ownerKey(), newFp, entry.forOwner(),
                        forDelegate, Optional.empty(), Map.of());
                mine.prependEntry(them, wrapping.signed(format.get(), me, them, unsigned, signing));
                if (format.get().suite() == Suite.V1_ICURE) {
                    mine.exchangeSlotHolding(them, entry.forOwner()).ifPresent(spki -> {
                        mine.putExchangeCopy(spki, them, newFp, forDelegate);
                        handledSlots.add(slot(spki, them));
                    });
                }
                groups.add(List.of(entry.suite(), entry.id()));
                done.add(new PairKeyRef(me, them, entry.suite(), "medcryptPairKeys id=" + entry.id()));
            }
        }
        List<SkippedPairKey> ignored = new ArrayList<>();
        rewrapIcureSlots(myDocument, granter, newKey, newFp, handledSlots, mine, done, ignored, me, them::equals,
                raw -> PairKeyWrapping.contains(request.proofs(), wrapping.proof(raw, "v1", me, them, request.newPublicKey())));
        return done;
    }

    private void requirePublishedSigningKey(HealthcareParty document, DataOwnerKeys.SigningKey signing) {
        if (document.signingKey().isPresent() && !document.signingKey().get().equalsIgnoreCase(signing.publicKeyHex())) {
            throw new KeyException("the signing key given for '" + document.id() + "' is not the one its document publishes "
                    + "(medcryptSigningKey): readers would refuse what it signs; pass the party's current signing key");
        }
    }

    // ---------------------------------------------------------------- iCure's slots

    private void rewrapIcureSlots(HealthcareParty owner, DataOwnerKeys keys, RsaPublicKey newKey, String newFp,
            Set<String> handledSlots, PartyDocumentEdit edit, List<PairKeyRef> rewrapped, List<SkippedPairKey> skipped,
            String me, java.util.function.Predicate<String> delegates) {
        rewrapIcureSlots(owner, keys, newKey, newFp, handledSlots, edit, rewrapped, skipped, me, delegates, raw -> true);
    }

    /**
     * The v1 pair keys of {@code owner} that no signed entry covers: each {@code aesExchangeKeys}
     * slot gets a copy for {@code newFp}; a pair in {@code hcPartyKeys} only gets a slot (iCure's
     * multi-key form) holding its owner copy and the new one; a displaced entry gets the new copy
     * among its copies. A slot whose copies a {@code medcryptPairKeys} entry names is left alone:
     * step 1 handled it if it was this owner's, and a key someone else signed is not vouched for.
     */
    private void rewrapIcureSlots(HealthcareParty owner, DataOwnerKeys keys, RsaPublicKey newKey, String newFp,
            Set<String> handledSlots, PartyDocumentEdit edit, List<PairKeyRef> rewrapped, List<SkippedPairKey> skipped,
            String me, java.util.function.Predicate<String> delegates, java.util.function.Predicate<byte[]> wanted) {
        WireFormat v1 = wrapping.format(Suite.V1_ICURE);
        String ownerId = owner.id();
        Set<String> myFingerprints = new HashSet<>();
        keys.keyPairs().forEach(pair -> myFingerprints.add(pair.fingerprint().value()));
        for (Map.Entry<String, Map<String, Map<String, String>>> byOwnerKey : owner.aesExchangeKeys().entrySet()) {
            for (Map.Entry<String, Map<String, String>> slot : byOwnerKey.getValue().entrySet()) {
                String delegate = slot.getKey();
                Map<String, String> copies = slot.getValue();
                if (!delegates.test(delegate) || handledSlots.contains(slot(byOwnerKey.getKey(), delegate))
                        || copies.keySet().stream().anyMatch(newFp::equalsIgnoreCase)
                        || copies.values().stream().anyMatch(copy -> namedByAnEntry(owner, delegate, copy))) {
                    continue;
                }
                PairKeyRef ref = new PairKeyRef(ownerId, delegate, "v1", "aesExchangeKeys");
                Optional<PairKeyWrapping.Opened> opened = Optional.empty();
                for (Map.Entry<String, String> copy : copies.entrySet()) {
                    if (opened.isEmpty() && myFingerprints.contains(copy.getKey().toLowerCase(Locale.ROOT))) {
                        opened = wrapping.unwrap(v1, copy.getValue(), "", ownerId, delegate, Optional.of(copy.getKey()), keys);
                    }
                }
                if (opened.isEmpty()) {
                    skipped.add(new SkippedPairKey(ref, "no copy for '" + me + "' opens with the keys given"));
                    continue;
                }
                try (PairKeyWrapping.Opened key = opened.get()) {
                    if (wanted.test(key.raw)) {
                        edit.putExchangeCopy(byOwnerKey.getKey(), delegate, newFp, wrapping.wrap(v1, key.raw, newKey, "", ownerId, delegate));
                        rewrapped.add(ref);
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> legacy : owner.hcPartyKeys().entrySet()) {
            String delegate = legacy.getKey();
            List<String> pair = legacy.getValue();
            if (!delegates.test(delegate) || pair.stream().anyMatch(copy -> inAnExchangeSlot(owner, delegate, copy)
                    || namedByAnEntry(owner, delegate, copy) || displacedCopy(owner, delegate, copy))) {
                continue;
            }
            PairKeyRef ref = new PairKeyRef(ownerId, delegate, "v1", "hcPartyKeys");
            if (owner.aesExchangeKeys().values().stream().anyMatch(byDelegate -> byDelegate.containsKey(delegate))) {
                // iCure's SDK encrypts the hcPartyKeys and aesExchangeKeys copies separately: the same key in both is covered
                if (!sameKeyAsExchangeSlot(owner, delegate, pair.get(0), keys, myFingerprints)) {
                    skipped.add(new SkippedPairKey(ref, "hcPartyKeys holds another pair key than aesExchangeKeys, and "
                            + "iCure's form has no second slot for it: readable with the old key only"));
                }
                continue;
            }
            // the owner's copy is hcPartyKeys[0]; for its own pair key both are its
            String ownerCopy = pair.get(0);
            Optional<PairKeyWrapping.Opened> opened = wrapping.unwrap(v1, ownerCopy, "", ownerId, delegate, Optional.empty(), keys);
            if (opened.isEmpty() && delegate.equals(ownerId)) {
                ownerCopy = pair.get(1);
                opened = wrapping.unwrap(v1, ownerCopy, "", ownerId, delegate, Optional.empty(), keys);
            }
            if (opened.isEmpty()) {
                skipped.add(new SkippedPairKey(ref, "its copy for '" + ownerId + "' does not open with the keys given"));
                continue;
            }
            try (PairKeyWrapping.Opened key = opened.get()) {
                if (wanted.test(key.raw)) {
                    String ownerSpki = key.openedWith.spkiHex();
                    edit.putExchangeCopy(ownerSpki, delegate, key.openedWith.fingerprint().value(), ownerCopy);
                    edit.putExchangeCopy(ownerSpki, delegate, newFp, wrapping.wrap(v1, key.raw, newKey, "", ownerId, delegate));
                    rewrapped.add(ref);
                }
            }
        }
        for (String delegate : owner.pairKeyEntryDelegates()) {
            if (!delegates.test(delegate)) {
                continue;
            }
            for (PairKeyEntry entry : owner.pairKeyEntries(delegate)) {
                if (!entry.isDisplaced() || !"v1".equals(entry.suite())
                        || entry.displacedCopies().keySet().stream().anyMatch(newFp::equalsIgnoreCase)) {
                    continue;
                }
                PairKeyRef ref = new PairKeyRef(ownerId, delegate, "v1", "displaced id=" + entry.id());
                Optional<PairKeyWrapping.Opened> opened = Optional.empty();
                for (Map.Entry<String, String> copy : entry.displacedCopies().entrySet()) {
                    String label = copy.getKey();
                    boolean legacyOwner = label.equals("hcPartyKeys[0]") && me.equals(ownerId);
                    boolean legacyDelegate = label.equals("hcPartyKeys[1]") && me.equals(delegate);
                    boolean forMe = myFingerprints.contains(label.toLowerCase(Locale.ROOT));
                    if (opened.isEmpty() && (legacyOwner || legacyDelegate || forMe)) {
                        opened = wrapping.unwrap(v1, copy.getValue(), "", ownerId, delegate,
                                forMe ? Optional.of(label) : Optional.empty(), keys);
                    }
                }
                if (opened.isEmpty()) {
                    skipped.add(new SkippedPairKey(ref, "no copy for '" + me + "' opens with the keys given"));
                    continue;
                }
                try (PairKeyWrapping.Opened key = opened.get()) {
                    if (wanted.test(key.raw)) {
                        edit.addDisplacedCopy(delegate, entry.id(), newFp, wrapping.wrap(v1, key.raw, newKey, "", ownerId, delegate));
                        rewrapped.add(ref);
                    }
                }
            }
        }
    }

    /** Whether {@code legacyCopy} opens to the same key as an {@code aesExchangeKeys} copy for these keys. */
    private boolean sameKeyAsExchangeSlot(HealthcareParty owner, String delegate, String legacyCopy, DataOwnerKeys keys,
            Set<String> myFingerprints) {
        WireFormat v1 = wrapping.format(Suite.V1_ICURE);
        Optional<PairKeyWrapping.Opened> legacy = wrapping.unwrap(v1, legacyCopy, "", owner.id(), delegate, Optional.empty(), keys);
        if (legacy.isEmpty()) {
            return false;
        }
        try (PairKeyWrapping.Opened legacyKey = legacy.get()) {
            for (Map<String, Map<String, String>> byDelegate : owner.aesExchangeKeys().values()) {
                for (Map.Entry<String, String> copy : byDelegate.getOrDefault(delegate, Map.of()).entrySet()) {
                    if (!myFingerprints.contains(copy.getKey().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    Optional<PairKeyWrapping.Opened> opened = wrapping.unwrap(v1, copy.getValue(), "", owner.id(), delegate,
                            Optional.of(copy.getKey()), keys);
                    if (opened.isPresent()) {
                        try (PairKeyWrapping.Opened key = opened.get()) {
                            if (java.security.MessageDigest.isEqual(key.raw, legacyKey.raw)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean namedByAnEntry(HealthcareParty owner, String delegate, String copy) {
        return owner.pairKeyEntries(delegate).stream().anyMatch(entry -> !entry.isDisplaced()
                && (entry.forOwner().equals(copy) || entry.forDelegate().equals(copy)));
    }

    private static boolean inAnExchangeSlot(HealthcareParty owner, String delegate, String copy) {
        return owner.aesExchangeKeys().values().stream().anyMatch(byDelegate ->
                byDelegate.getOrDefault(delegate, Map.of()).containsValue(copy));
    }

    private static boolean displacedCopy(HealthcareParty owner, String delegate, String copy) {
        return owner.pairKeyEntries(delegate).stream().anyMatch(entry -> entry.isDisplaced()
                && entry.displacedCopies().containsValue(copy));
    }

    // ---------------------------------------------------------------- what still needs the old key

    /**
     * The pair keys {@code partyId} is a party to that have no copy for its current
     * {@code publicKey}, judged from the documents alone (no key needed): what it still cannot
     * read without an older key. Empty once a rotation and every grant are done. A pair kept only
     * in {@code hcPartyKeys} (no fingerprint says whose key a copy is for) is listed only when the
     * party has rotated (its document lists another key in {@code aesExchangeKeys}).
     *
     * @throws NotFoundException if the party is not in the store
     */
    public static List<PairKeyRef> unreadableWithoutOldKey(EntityStore store, String partyId) {
        HealthcareParty party = store.party(partyId).orElseThrow(() -> new NotFoundException(
                "healthcare party '" + partyId + "' is not in the store"));
        Optional<String> current = party.publicKey().filter(spki -> spki.length() >= KeyFingerprint.LENGTH)
                .map(spki -> KeyFingerprint.of(spki).value());
        boolean rotated = party.aesExchangeKeys().keySet().stream()
                .anyMatch(spki -> !party.publicKey().map(spki::equalsIgnoreCase).orElse(false));
        List<PairKeyRef> gaps = new ArrayList<>();
        for (HealthcareParty owner : StoreScans.parties(store)) {
            boolean asOwner = owner.id().equals(partyId);
            Set<String> delegates = new LinkedHashSet<>(owner.pairKeyEntryDelegates());
            owner.aesExchangeKeys().values().forEach(byDelegate -> delegates.addAll(byDelegate.keySet()));
            delegates.addAll(owner.hcPartyKeys().keySet());
            for (String delegate : delegates) {
                if (!asOwner && !delegate.equals(partyId)) {
                    continue;
                }
                Predicate<String> mine = fp -> current.map(fp::equalsIgnoreCase).orElse(false);
                Map<List<String>, Boolean> entries = new LinkedHashMap<>();
                for (PairKeyEntry entry : owner.pairKeyEntries(delegate)) {
                    List<String> key = List.of(entry.suite(), entry.id());
                    if (entry.isDisplaced()) {
                        boolean covered = entry.displacedCopies().keySet().stream().anyMatch(mine);
                        if (!covered && rotated) {
                            gaps.add(new PairKeyRef(owner.id(), delegate, entry.suite(), "displaced id=" + entry.id()));
                        }
                        continue;
                    }
                    if (!"v2".equals(entry.suite()) || entry.signature().isEmpty()) {
                        continue; // a v1 key is judged by its iCure slot below
                    }
                    boolean covered = asOwner ? mine.test(entry.ownerKey()) : mine.test(entry.delegateKey());
                    entries.merge(key, covered, Boolean::logicalOr);
                }
                entries.forEach((key, covered) -> {
                    if (!covered) {
                        gaps.add(new PairKeyRef(owner.id(), delegate, key.get(0), "medcryptPairKeys id=" + key.get(1)));
                    }
                });
                boolean inSlot = false;
                for (Map<String, Map<String, String>> byDelegate : owner.aesExchangeKeys().values()) {
                    Map<String, String> copies = byDelegate.get(delegate);
                    if (copies == null) {
                        continue;
                    }
                    inSlot = true;
                    if (copies.keySet().stream().noneMatch(mine)) {
                        gaps.add(new PairKeyRef(owner.id(), delegate, "v1", "aesExchangeKeys"));
                    }
                }
                if (!inSlot && rotated && owner.hcPartyKeys().containsKey(delegate)) {
                    gaps.add(new PairKeyRef(owner.id(), delegate, "v1", "hcPartyKeys"));
                }
            }
        }
        return List.copyOf(gaps);
    }

    /** The key-update requests addressed to {@code granterId} that are still pending, across the store. */
    public static List<KeyUpdateRequest> pendingRequestsFor(EntityStore store, String granterId) {
        List<KeyUpdateRequest> pending = new ArrayList<>();
        for (HealthcareParty party : StoreScans.parties(store)) {
            PartyDocumentEdit.requests(party).stream()
                    .filter(request -> request.isPending() && request.granter().equals(granterId))
                    .forEach(pending::add);
        }
        return List.copyOf(pending);
    }

    /** Every key-update request {@code requesterId}'s document holds, in order. */
    public static List<KeyUpdateRequest> requestsOf(EntityStore store, String requesterId) {
        return store.party(requesterId).map(PartyDocumentEdit::requests).map(List::copyOf).orElse(List.of());
    }

    // ---------------------------------------------------------------- helpers

    private static Set<String> knownPublicKeys(HealthcareParty party) {
        Set<String> keys = new HashSet<>();
        party.publicKey().ifPresent(spki -> keys.add(spki.toLowerCase(Locale.ROOT)));
        party.aesExchangeKeys().keySet().forEach(spki -> keys.add(spki.toLowerCase(Locale.ROOT)));
        return keys;
    }

    private static boolean hasPairKeysWith(HealthcareParty owner, String delegate) {
        return !owner.pairKeyEntries(delegate).isEmpty() || owner.hcPartyKeys().containsKey(delegate)
                || owner.aesExchangeKeys().values().stream().anyMatch(byDelegate -> byDelegate.containsKey(delegate));
    }

    /** The entries of one pair key: for an own pair key, the id; else the id and the delegate's key. */
    private static List<String> group(PairKeyEntry entry, boolean self) {
        return self ? List.of(entry.suite(), entry.id()) : List.of(entry.suite(), entry.id(), entry.delegateKey().toLowerCase(Locale.ROOT));
    }

    private static String slot(String ownerSpki, String delegate) {
        return ownerSpki.toLowerCase(Locale.ROOT) + "/" + delegate;
    }
}
