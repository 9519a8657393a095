package org.medcrypt.internal.keys;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.medcrypt.FormatException;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.internal.Bytes;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.internal.format.V2GcmFormat;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.DocumentLimits;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.RsaPublicKey;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * Finds, checks, unwraps and creates pair keys for one data owner, in any format.
 *
 * <p>Reading: the pair key of owner O with delegate D is stored in O's party document; the format
 * lists the copies this owner may open ({@link WireFormat#candidates}). Before a copy is
 * unwrapped, its signature (if it has one) is checked: with this owner's own signing key when O
 * is this owner (so a store that rewrites this owner's document cannot make it accept a key it
 * planted), else with the key pinned for O, else with the key O's document publishes. A key whose
 * signature fails, and a v2 key without one, are never used; an unsigned v1 key (iCure's SDK makes
 * them) is read and reported as such. Unwrapped keys and verdicts are cached: one RSA operation
 * and at most one signature verification per pair key.
 *
 * <p>Sharing uses only a key this owner signed (checked against its own key material) or, if the
 * caller says so, an unsigned v1 key; otherwise it creates a new signed one.
 */
public final class PairKeys {

    private static final int PAIR_KEY_BITS = 256;

    private final CryptoProvider provider;
    private final DataOwnerKeys owner;
    private final EntityStore store;
    private final KeyCache cache;
    private final TrustPolicy policy;
    private final Set<String> myFingerprints = new HashSet<>();
    private final Map<Pair, Memo> candidatesByPair = new ConcurrentHashMap<>();
    private final Map<String, Optional<Ed25519PublicKey>> signingKeys = new ConcurrentHashMap<>();
    private final Map<List<Object>, List<String>> pinnedChains = new ConcurrentHashMap<>();
    /** The owner documents read by the current thread's {@link #readingEachOwnerOnce} operation, if any. */
    private final ThreadLocal<Map<String, Optional<HealthcareParty>>> ownerDocuments = new ThreadLocal<>();

    public PairKeys(CryptoProvider provider, DataOwnerKeys owner, EntityStore store, KeyCache cache, TrustPolicy policy) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.policy = Objects.requireNonNull(policy, "policy");
        owner.keyPairs().forEach(pair -> myFingerprints.add(pair.fingerprint().value()));
    }

    public KeyCache cache() {
        return cache;
    }

    /**
     * Runs a read-only operation with each pair key owner's document read from the store at most
     * once, however many values it opens under that owner's keys: one store read per owner instead
     * of one per value (in a database, a query each), and one version of each document throughout.
     * Nested calls join the outer one. Never around an operation that writes party documents: it
     * would not see its own writes.
     */
    public <T> T readingEachOwnerOnce(Supplier<T> operation) {
        if (ownerDocuments.get() != null) {
            return operation.get();
        }
        ownerDocuments.set(new HashMap<>());
        try {
            return operation.get();
        } finally {
            ownerDocuments.remove();
        }
    }

    private Optional<HealthcareParty> ownerDocument(String pairOwner) {
        Map<String, Optional<HealthcareParty>> read = ownerDocuments.get();
        if (read == null) {
            return store.party(pairOwner);
        }
        Optional<HealthcareParty> document = read.get(pairOwner);
        if (document == null) {
            document = store.party(pairOwner);
            read.put(pairOwner, document);
        }
        return document;
    }

    public TrustPolicy policy() {
        return policy;
    }

    /**
     * The usable pair keys of {@code pairOwner → pairDelegate} in {@code format} that this owner
     * can open, opened lazily (each new one may cost an RSA operation); only the one named
     * {@code keyId} when the value names one (v2).
     */
    public Iterable<PairKey> forReading(WireFormat format, String pairOwner, String pairDelegate, Optional<String> keyId) {
        String me = owner.partyId();
        if (!me.equals(pairOwner) && !me.equals(pairDelegate)) {
            return List.of();
        }
        Optional<HealthcareParty> ownerDocument = ownerDocument(pairOwner);
        if (ownerDocument.isEmpty()) {
            return List.of();
        }
        Memo memo = memo(format, ownerDocument.get(), pairDelegate);
        memo.requireWithinLimits();
        return () -> new Opening(format, memo, keyId, false);
    }

    /**
     * The pair key {@code id} of {@code pairOwner → pairDelegate}, opened, if {@link #forReading}
     * would yield it now: its copy is still in the owner's document for this owner, and its verdict
     * is not a rejection. For a value read under it before (see {@code KeyCache}'s memo).
     */
    public Optional<PairKey> readable(WireFormat format, String pairOwner, String pairDelegate, PairKeyId id) {
        String me = owner.partyId();
        if (!me.equals(pairOwner) && !me.equals(pairDelegate)) {
            return Optional.empty();
        }
        Optional<HealthcareParty> ownerDocument = ownerDocument(pairOwner);
        if (ownerDocument.isEmpty()) {
            return Optional.empty();
        }
        Memo memo = memo(format, ownerDocument.get(), pairDelegate);
        if (memo.overLimit != null) {
            return Optional.empty();
        }
        for (int i = 0; i < memo.candidates.size(); i++) {
            PairKeyCandidate candidate = memo.candidates.get(i);
            if (candidate.id().equals(id)) {
                return memo.readable(i, format);
            }
        }
        return Optional.empty();
    }

    private List<PairKeyCandidate> candidates(WireFormat format, HealthcareParty ownerDocument, String delegate) {
        return memo(format, ownerDocument, delegate).candidates;
    }

    private Memo memo(WireFormat format, HealthcareParty ownerDocument, String delegate) {
        Pair pair = new Pair(format.suite(), ownerDocument.id(), delegate);
        Memo memo = candidatesByPair.get(pair);
        // documents are immutable: the same instance means the same candidates (parsing only, no crypto)
        if (memo == null || memo.ownerDocument != ownerDocument) {
            List<PairKeyCandidate> mine = new ArrayList<>();
            Set<String> ownerKeys = new HashSet<>();
            for (PairKeyCandidate candidate : format.candidates(ownerDocument, delegate, owner.partyId())) {
                if (candidate.forKey().isEmpty() || myFingerprints.contains(candidate.forKey().get().value())) {
                    mine.add(candidate);
                    ownerKeys.add(candidate.id().ownerKey().value());
                }
            }
            String overLimit = null;
            String what = String.format(java.util.Locale.ROOT, "healthcare party '%s' holds %,d copies of its %s pair key "
                    + "with '%s' for '%s'", ownerDocument.id(), mine.size(), format.label(), delegate, owner.partyId());
            if (ownerKeys.size() > DocumentLimits.MAX_OWNER_KEYS_PER_PAIR) {
                overLimit = DocumentLimits.overLimit(String.format(java.util.Locale.ROOT, "%s, under %,d distinct owner keys",
                        what, ownerKeys.size()), DocumentLimits.MAX_OWNER_KEYS_PER_PAIR, "MAX_OWNER_KEYS_PER_PAIR").getMessage();
            } else if (mine.size() > DocumentLimits.MAX_COPIES_PER_PAIR) {
                overLimit = DocumentLimits.overLimit(what, DocumentLimits.MAX_COPIES_PER_PAIR, "MAX_COPIES_PER_PAIR").getMessage();
            }
            // over a limit: no candidate is kept, so none costs an RSA operation
            memo = new Memo(ownerDocument, overLimit == null ? List.copyOf(mine) : List.of(), overLimit);
            if (candidatesByPair.size() < cache.capacity()) {
                candidatesByPair.put(pair, memo);
            }
        }
        return memo;
    }

    /**
     * The candidates one owner document holds for this reader and, once computed, the reading
     * verdict of each. Documents are immutable, so the same instance means the same candidates and
     * the same verdicts: a verdict depends only on the candidate, this owner's own signing keys, the
     * pins and the policy (fixed for this instance) and the signing key that document publishes.
     * Reading a record asks for the verdict of the same few pair keys once per small key.
     */
    private final class Memo {
        final HealthcareParty ownerDocument;
        final List<PairKeyCandidate> candidates;
        /** Why this document is refused for this pair (a {@link DocumentLimits} gone over), or null. */
        final String overLimit;
        // written without a lock: two threads at worst compute the same verdict twice
        private final PairKeyTrust[] verdicts;
        private final Readable[] readable;
        // candidates none of this owner's keys opened: not tried again for this document, whatever
        // the cache's bounded memory of failures has forgotten since
        private final boolean[] unopenable;

        Memo(HealthcareParty ownerDocument, List<PairKeyCandidate> candidates, String overLimit) {
            this.ownerDocument = ownerDocument;
            this.candidates = candidates;
            this.overLimit = overLimit;
            this.verdicts = new PairKeyTrust[candidates.size()];
            this.readable = new Readable[candidates.size()];
            this.unopenable = new boolean[candidates.size()];
        }

        void requireWithinLimits() {
            if (overLimit != null) {
                throw new FormatException(overLimit);
            }
        }

        /** The candidate opened, unless it failed before for this document. */
        Optional<PairKey> open(int index, WireFormat format) {
            if (unopenable[index]) {
                return Optional.empty();
            }
            Optional<PairKey> key = PairKeys.this.open(format, candidates.get(index));
            if (key.isEmpty()) {
                unopenable[index] = true;
            }
            return key;
        }

        PairKeyTrust verdict(int index, WireFormat format) {
            PairKeyTrust verdict = verdicts[index];
            if (verdict == null) {
                verdict = trustForReading(format, candidates.get(index), Optional.of(ownerDocument));
                verdicts[index] = verdict;
            }
            return verdict;
        }

        /**
         * The candidate opened and stamped with its verdict, if it is readable; kept (one object
         * per candidate, not one per small key read) while the cache has not been cleared since.
         */
        Optional<PairKey> readable(int index, WireFormat format) {
            PairKeyTrust trust = verdict(index, format);
            if (trust == PairKeyTrust.REJECTED) {
                return Optional.empty();
            }
            long generation = cache.generation();
            Readable known = readable[index];
            if (known != null && known.generation == generation) {
                return known.key;
            }
            Optional<PairKey> key = open(index, format).map(opened -> opened.withTrust(trust));
            if (key.isPresent()) {
                readable[index] = new Readable(key, generation);
            }
            return key;
        }
    }

    private record Readable(Optional<PairKey> key, long generation) {
    }

    /** The memo's key: a suite and a pair (hash computed once; no list per look-up). */
    private static final class Pair {
        private final Suite suite;
        private final String owner;
        private final String delegate;
        private final int hash;

        Pair(Suite suite, String owner, String delegate) {
            this.suite = suite;
            this.owner = owner;
            this.delegate = delegate;
            this.hash = (suite.hashCode() * 31 + owner.hashCode()) * 31 + delegate.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pair pair && hash == pair.hash && suite == pair.suite && owner.equals(pair.owner)
                    && delegate.equals(pair.delegate);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * A pair key of this owner with {@code delegate} in {@code format}, for sharing: an existing
     * one it signed (checked with its own signing key) or, if the caller trusts them, an unsigned
     * v1 one; otherwise a new one — 32 random bytes wrapped for this owner and for the delegate,
     * signed, and stored in the returned updated party document. Nothing is saved here: the
     * caller saves the document together with what it encrypted, on condition that the owner's
     * document is still {@link PairKeyForSharing#ownerDocument()}, then calls {@link #remember}.
     *
     * @throws NotFoundException if the delegate or this owner is not in the store
     * @throws KeyException if a key is missing: a public key, or this owner's signing key when a
     *     new pair key is needed
     */
    public PairKeyForSharing forSharing(WireFormat format, String delegate) {
        return forSharing(format, delegate, Optional.empty());
    }

    /**
     * Same as {@link #forSharing(WireFormat, String)}, on top of {@code pending}: this owner's
     * document as an operation already changed it (a pair key of another suite created for the same
     * share). The result's {@code ownerDocument} is then the stored one, {@code updatedOwner} builds
     * on {@code pending}.
     */
    public PairKeyForSharing forSharing(WireFormat format, String delegate, Optional<HealthcareParty> pending) {
        Objects.requireNonNull(delegate, "delegate");
        String me = owner.partyId();
        HealthcareParty delegateDocument = store.party(delegate).orElseThrow(() -> new NotFoundException(
                "unknown delegate '" + delegate + "': add the healthcare party with its public key first"));
        HealthcareParty stored = store.party(me).orElseThrow(() -> new NotFoundException(
                "data owner '" + me + "' is not in the store: add its healthcare party document first"));
        HealthcareParty mine = pending.orElse(stored);
        Memo memo = memo(format, mine, delegate);
        memo.requireWithinLimits();
        Iterator<PairKey> existing = new Opening(format, memo, Optional.empty(), true);
        if (existing.hasNext()) {
            return new PairKeyForSharing(existing.next(), Optional.of(stored), pending);
        }
        PairKeyForSharing created = create(format, mine, delegate, delegateDocument);
        return new PairKeyForSharing(created.key(), Optional.of(stored), created.updatedOwner());
    }

    private PairKeyForSharing create(WireFormat format, HealthcareParty mine, String delegate, HealthcareParty delegateDocument) {
        String me = owner.partyId();
        DataOwnerKeys.SigningKey signingKey = owner.currentSigningKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + me + "' has no signing key loaded, and medcrypt shares only under pair keys "
                        + "their owner signed: load its Ed25519 signing key with its private key (keygen writes both), "
                        + "or, for a v1 pair key made by iCure's SDK, trust unsigned pair keys explicitly"));
        String mySpki = mine.publicKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + me + "' has no publicKey"));
        DataOwnerKeys.OwnedKeyPair myPair = owner.byFingerprint(KeyFingerprint.of(mySpki))
                .filter(pair -> pair.spkiHex().equalsIgnoreCase(mySpki))
                .orElseThrow(() -> new KeyException("the publicKey of healthcare party '" + me
                        + "' does not match any private key you hold: load the private key of that public key"));
        String delegateSpki = delegateDocument.publicKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + delegate + "' has no publicKey: it cannot receive shared data"));
        if (!me.equals(delegate)) {
            requireAuthenticPublicKey(delegateDocument, delegateSpki);
        }
        RsaPublicKey delegateKey = me.equals(delegate) ? myPair.publicKey()
                : ProviderCalls.importingKey("public key of '" + delegate + "'",
                        () -> provider.rsaOaep().importPublicKey(Hex.decode(delegateSpki, "publicKey of '" + delegate + "'")));
        byte[] idBytes = provider.random().bytes(V2GcmFormat.KEY_ID_BYTES);
        String keyId = Bytes.base64Url(idBytes);
        byte[] label = format.wrappingLabel(keyId, me, delegate);
        byte[] raw = ProviderCalls.encrypting("pair key generation", () -> provider.aesKeys().generate(PAIR_KEY_BITS));
        try {
            // for {AA} both copies are for A: two separate encryptions, as iCure writes
            String forMe = format.encodeWrapped(ProviderCalls.encrypting("pair key wrapping",
                    () -> provider.rsaOaep().encrypt(myPair.publicKey(), format.wrapping(), raw, label)));
            String forDelegate = format.encodeWrapped(ProviderCalls.encrypting("pair key wrapping",
                    () -> provider.rsaOaep().encrypt(delegateKey, format.wrapping(), raw, label)));
            PairKeyEntry unsigned = new PairKeyEntry(format.label(), keyId, myPair.fingerprint().value(),
                    KeyFingerprint.of(delegateSpki).value(), forMe, forDelegate, Optional.empty(), Map.of());
            byte[] signature = signingKey.sign(PairKeySignatures.message(me, delegate, unsigned));
            PairKeyEntry entry = new PairKeyEntry(unsigned.suite(), keyId, unsigned.ownerKey(), unsigned.delegateKey(),
                    forMe, forDelegate, Optional.of(PairKeySignatures.encode(format.suite(), signature)), Map.of());
            HealthcareParty updated = withPublishedKeys(format.withPairKey(mine, delegate, mySpki, entry), signingKey, mySpki);
            AesKey key = ProviderCalls.importingKey("new pair key", () -> provider.aesKeys().importKey(raw));
            PairKeyId id = new PairKeyId(format.suite(), me, delegate, myPair.fingerprint(),
                    format.suite() == Suite.V1_ICURE ? "" : keyId, forMe);
            return new PairKeyForSharing(new PairKey(id, key, PairKeyTrust.SIGNED_OWN), Optional.of(mine), Optional.of(updated));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * This owner's document with its signing key and the signature of its RSA public key
     * published, or empty if it already has both.
     *
     * @throws KeyException if this owner has no signing key loaded, or no public key
     */
    public Optional<HealthcareParty> withKeysPublished() {
        String me = owner.partyId();
        DataOwnerKeys.SigningKey signingKey = owner.currentSigningKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + me + "' has no signing key loaded: load its Ed25519 key to publish it"));
        HealthcareParty mine = store.party(me).orElseThrow(() -> new NotFoundException(
                "data owner '" + me + "' is not in the store: add its healthcare party document first"));
        String mySpki = mine.publicKey().orElseThrow(() -> new KeyException("healthcare party '" + me + "' has no publicKey"));
        HealthcareParty updated = withPublishedKeys(mine, signingKey, mySpki);
        return updated == mine ? Optional.empty() : Optional.of(updated);
    }

    private HealthcareParty withPublishedKeys(HealthcareParty document, DataOwnerKeys.SigningKey signingKey, String mySpki) {
        HealthcareParty updated = document;
        if (!updated.signingKey().map(signingKey.publicKeyHex()::equalsIgnoreCase).orElse(false)) {
            updated = updated.withSigningKey(signingKey.publicKeyHex());
        }
        byte[] message = PairKeySignatures.publicKeyMessage(owner.partyId(), mySpki);
        boolean signed = updated.publicKeySignature().flatMap(PairKeySignatures::decodePublicKeySignature)
                .flatMap(signature -> signingKey(signingKey.publicKeyHex())
                        .map(key -> provider.ed25519().verify(key, message, signature)))
                .orElse(false);
        if (!signed) {
            updated = updated.withPublicKeySignature(PairKeySignatures.encodePublicKeySignature(signingKey.sign(message)));
        }
        return updated;
    }

    /**
     * Refuses to wrap a pair key for a delegate's RSA key that the delegate did not vouch for: with
     * the pinned signing key when there is one (or must be one), else with the one its document
     * publishes, if it publishes one. An iCure party that publishes no signing key is taken as it is.
     */
    private void requireAuthenticPublicKey(HealthcareParty delegateDocument, String delegateSpki) {
        String delegate = delegateDocument.id();
        Optional<String> pinned = policy.pinned(delegate);
        if (pinned.isEmpty() && policy.requirePinned()) {
            throw new KeyException("no signing key is pinned for healthcare party '" + delegate
                    + "', and only parties with a pinned key may receive shared data: pin its signing key");
        }
        Optional<String> signer = pinned.isPresent() ? pinned : delegateDocument.signingKey();
        if (signer.isEmpty()) {
            return; // an iCure party that publishes no signing key: nothing to check its key with
        }
        List<String> signers = pinned.isPresent() ? pinnedChain(pinned.get(), Optional.of(delegateDocument)) : List.of(signer.get());
        byte[] message = PairKeySignatures.publicKeyMessage(delegate, delegateSpki);
        boolean valid = delegateDocument.publicKeySignature().flatMap(PairKeySignatures::decodePublicKeySignature)
                .map(signature -> signers.stream().anyMatch(hex -> signingKey(hex)
                        .map(key -> provider.ed25519().verify(key, message, signature)).orElse(false)))
                .orElse(false);
        if (!valid) {
            throw new KeyException("the publicKey of healthcare party '" + delegate + "' is not signed by "
                    + (pinned.isPresent() ? "the signing key pinned for it" : "the signing key its document publishes")
                    + ": the document may have been altered; nothing was shared. Check the party's keys with it"
                    + (pinned.isPresent() ? "" : ", and pin its signing key"));
        }
    }

    /**
     * The pinned key and the keys it endorsed, step by step, in the party's signing-key rotations
     * (see {@link SigningKeyChain}); memoised per pin and rotation list.
     */
    private List<String> pinnedChain(String pinned, Optional<HealthcareParty> document) {
        if (document.isEmpty() || document.get().signingKeyRotations().isEmpty()) {
            return List.of(pinned);
        }
        HealthcareParty party = document.get();
        List<Object> memoKey = List.of(party.id(), pinned.toLowerCase(java.util.Locale.ROOT), party.signingKeyRotations());
        List<String> known = pinnedChains.get(memoKey);
        if (known != null) {
            return known;
        }
        List<String> chain = SigningKeyChain.from(pinned, party, (signer, message, signature) ->
                signingKey(signer).map(key -> provider.ed25519().verify(key, message, signature)).orElse(false));
        if (pinnedChains.size() < cache.capacity()) {
            pinnedChains.put(memoKey, chain);
        }
        return chain;
    }

    /**
     * Whether this owner may share under its pair key {@code id} as its document stands now: the
     * key is its own, still in its document, and acceptable for sharing (signed by this owner,
     * checked with its own signing key, or an unsigned v1 key the caller trusts) — the test
     * {@link #forSharing} applies. For a value this owner wrote: whether it granted that value
     * under a key it vouches for.
     */
    public boolean mayShareUnder(WireFormat format, PairKeyId id) {
        String me = owner.partyId();
        if (!id.owner().equals(me) || id.suite() != format.suite()) {
            return false;
        }
        Optional<HealthcareParty> mine = store.party(me);
        if (mine.isEmpty()) {
            return false;
        }
        for (PairKeyCandidate candidate : memo(format, mine.get(), id.delegate()).candidates) {
            if (candidate.id().equals(id)) {
                return trustForReading(format, candidate, mine) != PairKeyTrust.REJECTED
                        && acceptableForSharing(format, candidate);
            }
        }
        return false;
    }

    /** Puts a key created by {@link #forSharing} into the cache once its document is saved. */
    public void remember(PairKey key) {
        cache.put(key);
    }

    // ---------------------------------------------------------------- trust

    /**
     * The verdict on a candidate for reading: checked with this owner's current signing key when
     * the pair key is its own (one signed only by an older signing key of its own is refused: see
     * {@link #ownSigningKeys()}), else with the pin for its owner (a pinned owner's unsigned keys are
     * refused), else with the owner's published signing key; unsigned v1 keys are readable unless
     * the policy requires pinned keys.
     */
    private PairKeyTrust trustForReading(WireFormat format, PairKeyCandidate candidate,
            Optional<HealthcareParty> ownerDocument) {
        String pairOwner = candidate.id().owner();
        boolean v1 = format.suite() == Suite.V1_ICURE;
        boolean mine = pairOwner.equals(owner.partyId()) && owner.currentSigningKey().isPresent();
        Optional<String> pinned = policy.pinned(pairOwner);
        if (candidate.entry().isEmpty()) {
            boolean unsignedAllowed = v1 && pinned.isEmpty() && !policy.requirePinned();
            return unsignedAllowed ? PairKeyTrust.UNSIGNED : PairKeyTrust.REJECTED;
        }
        if (mine) {
            return verifies(format, candidate, ownSigningKeys()) ? PairKeyTrust.SIGNED_OWN : PairKeyTrust.REJECTED;
        }
        if (pinned.isPresent()) {
            List<String> accepted = pinnedChain(pinned.get(), ownerDocument.or(() -> store.party(pairOwner)));
            return verifies(format, candidate, accepted) ? PairKeyTrust.SIGNED_PINNED : PairKeyTrust.REJECTED;
        }
        if (policy.requirePinned()) {
            return PairKeyTrust.REJECTED;
        }
        Optional<String> published = ownerDocument.or(() -> store.party(pairOwner)).flatMap(HealthcareParty::signingKey);
        if (published.isEmpty()) {
            // a signature with nothing to check it against is no better than none
            return v1 ? PairKeyTrust.UNSIGNED : PairKeyTrust.REJECTED;
        }
        return verifies(format, candidate, List.of(published.get())) ? PairKeyTrust.SIGNED_PUBLISHED : PairKeyTrust.REJECTED;
    }

    /**
     * Whether a candidate may be shared under: signed by this owner (checked with its own signing
     * key) or, if the caller trusts them, an unsigned v1 key that medcrypt did not displace.
     */
    private boolean acceptableForSharing(WireFormat format, PairKeyCandidate candidate) {
        List<String> mine = ownSigningKeys();
        if (candidate.entry().isPresent() && !mine.isEmpty() && verifies(format, candidate, mine)) {
            return true;
        }
        return policy.trustUnsignedPairKeys() && format.suite() == Suite.V1_ICURE && !candidate.displaced()
                && candidate.entry().isEmpty() && trustForReading(format, candidate, Optional.empty()) == PairKeyTrust.UNSIGNED;
    }

    /**
     * The signing key that makes a pair key this owner's own: its current one only (the first
     * loaded, {@link DataOwnerKeys#currentSigningKey()}), not an older one loaded beside it. After
     * a rotation the party reads with its new and old key files; whoever stole the old signing key
     * can sign a pair key of its own with it, and that must not count as the party's (read as its
     * own, or shared under). Nothing is lost: a rotation re-signs, with the new key, every pair key
     * the old one signed (same id, same key, a copy for the new RSA key).
     */
    private List<String> ownSigningKeys() {
        return owner.currentSigningKey().map(key -> List.of(key.publicKeyHex())).orElse(List.of());
    }

    private boolean verifies(WireFormat format, PairKeyCandidate candidate, List<String> signerKeys) {
        PairKeyEntry entry = candidate.entry().orElseThrow();
        for (String signer : signerKeys) {
            List<Object> verdictKey = List.of(candidate.id().owner(), candidate.id().delegate(), entry, signer.toLowerCase(java.util.Locale.ROOT));
            Optional<Boolean> known = cache.signatureVerdict(verdictKey);
            boolean valid = known.orElseGet(() -> {
                boolean result = verify(format, candidate.id().owner(), candidate.id().delegate(), entry, signer);
                cache.recordSignatureVerdict(verdictKey, result);
                return result;
            });
            if (valid) {
                return true;
            }
        }
        return false;
    }

    private boolean verify(WireFormat format, String pairOwner, String delegate, PairKeyEntry entry, String signerHex) {
        Optional<byte[]> signature = entry.signature().flatMap(text -> PairKeySignatures.decode(format.suite(), text));
        Optional<Ed25519PublicKey> key = signingKey(signerHex);
        if (signature.isEmpty() || key.isEmpty()) {
            return false;
        }
        return provider.ed25519().verify(key.get(), PairKeySignatures.message(pairOwner, delegate, entry), signature.get());
    }

    private Optional<Ed25519PublicKey> signingKey(String hex) {
        return signingKeys.computeIfAbsent(hex.toLowerCase(java.util.Locale.ROOT), text -> {
            if (text.length() != 2 * Ed25519.PUBLIC_KEY_LENGTH || !Hex.isHex(text)) {
                return Optional.empty();
            }
            try {
                return Optional.of(provider.ed25519().importPublicKey(Hex.decode(text, "signing key")));
            } catch (GeneralSecurityException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    // ---------------------------------------------------------------- unwrapping

    /**
     * Checks, then opens, the candidates one at a time, as the caller asks for the next key. For
     * reading, the verdicts come from the memo of the document read; for sharing they are made
     * afresh against the stored documents.
     */
    private final class Opening implements Iterator<PairKey> {
        private final WireFormat format;
        private final Memo memo;
        private final Optional<String> keyId;
        private final boolean forSharing;
        private List<String> yielded;
        private int index;
        private PairKey next;

        Opening(WireFormat format, Memo memo, Optional<String> keyId, boolean forSharing) {
            this.format = format;
            this.memo = memo;
            this.keyId = keyId;
            this.forSharing = forSharing;
        }

        @Override
        public boolean hasNext() {
            while (next == null && index < memo.candidates.size()) {
                int current = index++;
                PairKeyCandidate candidate = memo.candidates.get(current);
                if (keyId.isPresent() && !keyId.get().equals(candidate.id().keyId())) {
                    continue;
                }
                if (yielded != null && yielded.contains(candidate.id().wrappedCopy())) {
                    continue;
                }
                PairKeyTrust trust = forSharing ? trustForReading(format, candidate, Optional.empty())
                        : memo.verdict(current, format);
                if (trust == PairKeyTrust.REJECTED || (forSharing && !acceptableForSharing(format, candidate))) {
                    continue;
                }
                memo.open(current, format).ifPresent(key -> {
                    if (yielded == null) {
                        yielded = new ArrayList<>(2);
                    }
                    yielded.add(key.id().wrappedCopy());
                    next = key.withTrust(trust);
                });
            }
            return next != null;
        }

        @Override
        public PairKey next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PairKey result = next;
            next = null;
            return result;
        }
    }

    private Optional<PairKey> open(WireFormat format, PairKeyCandidate candidate) {
        Optional<PairKey> cached = cache.get(candidate.id());
        if (cached.isPresent()) {
            return cached;
        }
        for (DataOwnerKeys.OwnedKeyPair pair : keyPairsFor(candidate)) {
            if (cache.isUnopenable(candidate.id(), pair.fingerprint())) {
                continue;
            }
            Optional<PairKey> opened = unwrap(format, candidate.id(), pair);
            if (opened.isPresent()) {
                return opened;
            }
            cache.markUnopenable(candidate.id(), pair.fingerprint());
        }
        return Optional.empty();
    }

    private List<DataOwnerKeys.OwnedKeyPair> keyPairsFor(PairKeyCandidate candidate) {
        if (candidate.forKey().isPresent()) {
            return owner.byFingerprint(candidate.forKey().get()).map(List::of).orElse(List.of());
        }
        return owner.preferring(store.party(owner.partyId()).flatMap(HealthcareParty::publicKey));
    }

    private Optional<PairKey> unwrap(WireFormat format, PairKeyId id, DataOwnerKeys.OwnedKeyPair pair) {
        Optional<byte[]> wrapped = format.decodeWrapped(id.wrappedCopy());
        if (wrapped.isEmpty()) {
            return Optional.empty(); // malformed: cannot be a key of ours
        }
        cache.recordRsaOperation();
        byte[] raw;
        try {
            raw = provider.rsaOaep().decrypt(KeyAccess.privateKey(pair), format.wrapping(), wrapped.get(),
                    format.wrappingLabel(id.keyId(), id.owner(), id.delegate()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty(); // not wrapped for this key pair, or modified
        }
        try {
            if (format.suite() == Suite.V2_GCM_OAEP256 && raw.length != PAIR_KEY_BITS / 8) {
                return Optional.empty();
            }
            PairKey key = new PairKey(id, provider.aesKeys().importKey(raw), PairKeyTrust.UNSIGNED);
            cache.put(key);
            return Optional.of(key);
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // decrypted to something that is not an AES key
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
