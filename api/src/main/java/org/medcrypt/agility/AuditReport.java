package org.medcrypt.agility;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dataset holds, as {@link KeylessAudit} counts it without any key (what whoever stores the
 * dataset can see), and, when a party's keys were given, what that party can open
 * ({@link #access()}, from {@link KeyedAudit}). Immutable; public data only: ids, counts,
 * fingerprints and public key sizes, never a key or a plaintext.
 *
 * <p>The counting rules are those of {@link KeylessAudit}. {@link AuditJson} and
 * {@link AuditMarkdown} render a report; {@code docs/audit.schema.json} describes the JSON.
 *
 * @param datasetBytes bytes of the dataset read
 * @param parties every healthcare party document, in dataset order
 * @param pairKeys pair keys grouped by suite, OAEP hash, signed or not, displaced or not
 * @param entities encryptable entities grouped by type and suite
 * @param values stored encrypted values grouped by role and suite
 * @param v1Debt what is still in iCure's unauthenticated format
 * @param quantumVulnerable every public-key asset a quantum computer would break, with NIST's dates
 * @param anomalies structural problems, by kind
 * @param access what one party can open with its keys, if keys were given
 */
public record AuditReport(long datasetBytes, List<Party> parties, List<PairKeyCount> pairKeys,
        List<EntityCount> entities, List<ValueCount> values, V1Debt v1Debt, List<QuantumVulnerableAsset> quantumVulnerable,
        List<Anomaly> anomalies, Optional<PartyAccess> access) {

    /** Copies the lists; every component is required. */
    public AuditReport {
        parties = List.copyOf(parties);
        pairKeys = List.copyOf(pairKeys);
        entities = List.copyOf(entities);
        values = List.copyOf(values);
        Objects.requireNonNull(v1Debt, "v1Debt");
        quantumVulnerable = List.copyOf(quantumVulnerable);
        anomalies = List.copyOf(anomalies);
        Objects.requireNonNull(access, "access");
    }

    /** This report with what one party can open added. */
    public AuditReport withAccess(PartyAccess partyAccess) {
        return new AuditReport(datasetBytes, parties, pairKeys, entities, values, v1Debt, quantumVulnerable, anomalies,
                Optional.of(partyAccess));
    }

    /** Number of encryptable entities, all types and suites. */
    public long entityTotal() {
        return entities.stream().mapToLong(EntityCount::count).sum();
    }

    /** Number of pair keys, all suites. */
    public long pairKeyTotal() {
        return pairKeys.stream().mapToLong(PairKeyCount::count).sum();
    }

    /** The anomaly of this kind, if the dataset has any. */
    public Optional<Anomaly> anomaly(AnomalyKind kind) {
        return anomalies.stream().filter(a -> a.kind() == kind).findFirst();
    }

    /**
     * A healthcare party and its public keys.
     *
     * @param id the party id
     * @param rsaKeys its distinct RSA public keys: {@code publicKey} first, then iCure's
     *     {@code oldPublicKeys}, then owner keys of {@code aesExchangeKeys}
     * @param signingKeyPresent whether it publishes an Ed25519 signing key ({@code medcryptSigningKey})
     * @param publicKeySigned whether it publishes a signature of its RSA key ({@code medcryptPublicKeySignature})
     * @param pairKeysOwned pair keys stored in its document, all suites
     * @param signingKeyRotations entries of {@code medcryptSigningKeyRotations}: each old signing key's
     *     endorsement of the next
     * @param keyUpdateRequests pending key-update requests in its document ({@code medcryptKeyUpdateRequests},
     *     iCure's KEY_PAIR_UPDATE flow): pair keys others must re-wrap for its new key
     */
    public record Party(String id, List<RsaKey> rsaKeys, boolean signingKeyPresent, boolean publicKeySigned,
            long pairKeysOwned, long signingKeyRotations, long keyUpdateRequests) {
        /** Copies the key list. */
        public Party {
            Objects.requireNonNull(id, "id");
            rsaKeys = List.copyOf(rsaKeys);
        }

        /** Number of RSA key pairs (iCure's multi-key form after rotations). */
        public int keyPairs() {
            return rsaKeys.size();
        }
    }

    /**
     * One RSA public key.
     *
     * @param fingerprint iCure's fingerprint: the last 32 hex digits of the SubjectPublicKeyInfo hex
     * @param bits modulus size, empty if the key does not parse as an RSA SubjectPublicKeyInfo
     * @param current whether it is the party's {@code publicKey}
     */
    public record RsaKey(String fingerprint, Optional<Integer> bits, boolean current) {
        /** Checks that nothing is null. */
        public RsaKey {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(bits, "bits");
        }
    }

    /**
     * Pair keys of one kind.
     *
     * @param suite {@code "v1"} or {@code "v2"}
     * @param oaepHash the RSA-OAEP hash their copies are wrapped with: {@code "SHA-1"} (v1) or {@code "SHA-256"} (v2)
     * @param signed whether their owner signed them ({@code medcryptPairKeys} with a signature)
     * @param displaced whether medcrypt moved them out of iCure's slots (readable, never shared under again)
     * @param count how many
     */
    public record PairKeyCount(String suite, String oaepHash, boolean signed, boolean displaced, long count) {
        /** Checks that nothing is null. */
        public PairKeyCount {
            Objects.requireNonNull(suite, "suite");
            Objects.requireNonNull(oaepHash, "oaepHash");
        }
    }

    /**
     * Entities of one type and suite.
     *
     * @param type {@code patient}, {@code contact}, {@code form} or {@code healthElement}
     * @param suite the suite of every encrypted value of the entity: {@code "v1"}, {@code "v2"},
     *     {@code "mixed"} (both) or {@code "none"} (no encrypted value)
     * @param count how many
     */
    public record EntityCount(String type, String suite, long count) {
        /** Checks that nothing is null. */
        public EntityCount {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(suite, "suite");
        }
    }

    /**
     * Stored values of one role and suite.
     *
     * @param role {@code secretId}, {@code contentKey}, {@code parentId}, {@code encryptedSelf},
     *     {@code wrappedPairKey}, {@code pairKeySignature} or {@code publicKeySignature}
     * @param suite {@code "v1"}, {@code "v2"} (from the value's own header for {@code mc2:} values),
     *     or {@code "unrecognised"} (neither well-formed v1 nor a v2 envelope of that role)
     * @param count how many
     */
    public record ValueCount(String role, String suite, long count) {
        /** Checks that nothing is null. */
        public ValueCount {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(suite, "suite");
        }
    }

    /**
     * What is still in iCure's format (unauthenticated AES-CBC, RSA-OAEP with SHA-1).
     *
     * @param entities entities with at least one v1 value ({@code v1} or {@code mixed})
     * @param mixedEntities entities with both v1 and v2 values (e.g. v1 entries kept after a migration)
     * @param values v1 values of entities (small keys and {@code encryptedSelf})
     * @param pairKeys v1 pair keys
     * @param unsignedPairKeys v1 pair keys without their owner's signature (as iCure's SDK makes them)
     * @param sha1OaepCopies distinct wrapped copies of v1 pair keys (RSA-OAEP with SHA-1); the same
     *     copy stored in iCure's slots and in {@code medcryptPairKeys} counts once
     * @param contentKeys128 v1 content keys whose ciphertext length shows a UUID or 32-hex-digit
     *     key: an AES-128 content key
     * @param contentKeys256 v1 content keys whose length shows a 64-hex-digit (AES-256) key
     * @param contentKeysUnknownSize v1 content keys of another length (malformed or padded otherwise)
     */
    public record V1Debt(long entities, long mixedEntities, long values, long pairKeys, long unsignedPairKeys,
            long sha1OaepCopies, long contentKeys128, long contentKeys256, long contentKeysUnknownSize) {
    }

    /**
     * A public-key asset that Shor's algorithm would break, with NIST's transition dates for it.
     *
     * @param party the party that holds it
     * @param algorithm {@code "RSA"} or {@code "Ed25519"}
     * @param fingerprint the RSA fingerprint, or the Ed25519 public key (64 hex digits)
     * @param bits the key size (RSA modulus, 255 for Ed25519), empty if it does not parse
     * @param classicalSecurityBits the classical security strength (NIST SP 800-57 Part 1 Rev. 5, Table 2)
     * @param deprecatedAfter the year after which NIST IR 8547 (ipd) deprecates it, empty if not deprecated first
     * @param disallowedAfter the year after which NIST IR 8547 (ipd) disallows it
     * @param use what medcrypt uses it for
     */
    public record QuantumVulnerableAsset(String party, String algorithm, String fingerprint, Optional<Integer> bits,
            Optional<Integer> classicalSecurityBits, Optional<Integer> deprecatedAfter, int disallowedAfter, String use) {
        /** Checks that nothing is null. */
        public QuantumVulnerableAsset {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(bits, "bits");
            Objects.requireNonNull(classicalSecurityBits, "classicalSecurityBits");
            Objects.requireNonNull(deprecatedAfter, "deprecatedAfter");
            Objects.requireNonNull(use, "use");
        }
    }

    /** The kinds of structural anomaly {@link KeylessAudit} looks for. */
    public enum AnomalyKind {
        /** A small key whose owner's document holds no pair key of that suite for its delegate. */
        DELEGATION_WITHOUT_PAIR_KEY("delegationWithoutPairKey"),
        /** A pair key (any form) for a delegate that is not a party of the dataset. */
        PAIR_KEY_FOR_UNKNOWN_PARTY("pairKeyForUnknownParty"),
        /** A wrapped copy for a key fingerprint that is no public key of the owner or the delegate. */
        COPY_FOR_UNKNOWN_FINGERPRINT("copyForUnknownFingerprint"),
        /** An entity whose {@code delegations} has no entry for its creator (see {@link KeylessAudit}). */
        ENTITY_WITHOUT_DELEGATION_TO_CREATOR("entityWithoutDelegationToCreator"),
        /** An id used by more than one entity (any types), or by more than one party. */
        DUPLICATE_ID("duplicateId"),
        /** A delegation entry whose owner is not a party of the dataset. */
        DELEGATION_FROM_UNKNOWN_PARTY("delegationFromUnknownParty"),
        /** A value that is neither well-formed v1 nor a v2 envelope of the role it sits in. */
        UNRECOGNISED_VALUE("unrecognisedValue"),
        /** A document (or part of one) that does not have iCure's shape; skipped. */
        MALFORMED_DOCUMENT("malformedDocument");

        private final String label;

        AnomalyKind(String label) {
            this.label = label;
        }

        /** The name in the JSON output. */
        public String label() {
            return label;
        }
    }

    /**
     * The anomalies of one kind.
     *
     * @param kind what is wrong
     * @param count how many occurrences
     * @param examples up to {@link KeylessAudit#EXAMPLES} of them, each a short description with ids
     */
    public record Anomaly(AnomalyKind kind, long count, List<String> examples) {
        /** Copies the examples. */
        public Anomaly {
            Objects.requireNonNull(kind, "kind");
            examples = List.copyOf(examples);
        }
    }

    /**
     * What one party can open with the keys it gave, from {@link KeyedAudit}.
     *
     * @param party the party id
     * @param provider the crypto provider used
     * @param keyPairsGiven RSA key pairs given
     * @param signingKeyGiven whether an Ed25519 signing key was given
     * @param opened entities it opens, by type and the suite they were read in
     * @param openedUnderUnsignedPairKeys of those, the ones read under an unsigned v1 pair key (ids)
     * @param failures entities it cannot open, by reason, with their ids
     * @param pairKeys every pair key copy the dataset holds for this party, and what became of it
     */
    public record PartyAccess(String party, String provider, int keyPairsGiven, boolean signingKeyGiven,
            List<EntityCount> opened, List<String> openedUnderUnsignedPairKeys, List<AccessFailure> failures,
            List<PairKeyAccess> pairKeys) {
        /** Copies the lists. */
        public PartyAccess {
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(provider, "provider");
            opened = List.copyOf(opened);
            openedUnderUnsignedPairKeys = List.copyOf(openedUnderUnsignedPairKeys);
            failures = List.copyOf(failures);
            pairKeys = List.copyOf(pairKeys);
        }

        /** Entities opened, all types and suites. */
        public long openedTotal() {
            return opened.stream().mapToLong(EntityCount::count).sum();
        }
    }

    /** Why a party cannot open an entity. */
    public enum FailureReason {
        /**
         * No {@code delegations} or {@code encryptionKeys} entry for the party (or, for an entity with
         * {@code encryptedSelf}, no {@code encryptionKeys} entry): never shared with it.
         */
        NOT_SHARED("notShared"),
        /** Entries for the party, but the owner's document holds no pair key copy for it. */
        NO_PAIR_KEY("noPairKey"),
        /** The pair key's signature fails (or a v2 or pinned owner's key has none): never used. */
        PAIR_KEY_REJECTED("pairKeyRejected"),
        /** No key given unwraps the pair key (e.g. an old key after a rotation was not given). */
        PAIR_KEY_NOT_UNWRAPPED("pairKeyNotUnwrapped"),
        /** The pair key opens, but the entity's small keys do not (modified, or moved from elsewhere). */
        VALUE_DOES_NOT_OPEN("valueDoesNotOpen"),
        /** Its keys open, but {@code encryptedSelf} does not (modified, or written with another content key). */
        CONTENT_DOES_NOT_OPEN("contentDoesNotOpen"),
        /** It decrypts to something that is not a valid document. */
        MALFORMED("malformed");

        private final String label;

        FailureReason(String label) {
            this.label = label;
        }

        /** The name in the JSON output. */
        public String label() {
            return label;
        }
    }

    /**
     * The entities that fail for one reason.
     *
     * @param reason why
     * @param ids the entities' ids, in dataset order (not shared: only counted, ids left empty)
     * @param count how many
     */
    public record AccessFailure(FailureReason reason, long count, List<String> ids) {
        /** Copies the ids. */
        public AccessFailure {
            Objects.requireNonNull(reason, "reason");
            ids = List.copyOf(ids);
        }
    }

    /** What became of one pair-key copy a party may open. */
    public enum PairKeyStatus {
        /** Unwrapped and used: signed by this party itself. */
        SIGNED_OWN("signedOwn"),
        /** Unwrapped and used: signed, checked with a pinned signing key. */
        SIGNED_PINNED("signedPinned"),
        /** Unwrapped and used: signed, checked with the signing key the owner's document publishes. */
        SIGNED_PUBLISHED("signedPublished"),
        /** Unwrapped and used, without a signature (v1, iCure-made, or planted by the store). */
        UNSIGNED("unsigned"),
        /** Unwraps, but refused: a failing signature, a v2 key without one, or the trust policy. */
        REJECTED("rejected"),
        /** None of the keys given unwraps it. */
        NOT_UNWRAPPED("notUnwrapped");

        private final String label;

        PairKeyStatus(String label) {
            this.label = label;
        }

        /** The name in the JSON output. */
        public String label() {
            return label;
        }

        /** True if the party reads under it. */
        public boolean usable() {
            return this != REJECTED && this != NOT_UNWRAPPED;
        }
    }

    /**
     * One pair-key copy for the party.
     *
     * @param owner the pair's owner
     * @param delegate the pair's delegate
     * @param suite {@code "v1"} or {@code "v2"}
     * @param forKey the fingerprint the copy is wrapped for, empty for iCure's {@code hcPartyKeys} (no fingerprint)
     * @param status what became of it
     */
    public record PairKeyAccess(String owner, String delegate, String suite, Optional<String> forKey, PairKeyStatus status) {
        /** Checks that nothing is null. */
        public PairKeyAccess {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(delegate, "delegate");
            Objects.requireNonNull(suite, "suite");
            Objects.requireNonNull(forKey, "forKey");
            Objects.requireNonNull(status, "status");
        }
    }
}
