package org.medcrypt.sharing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.internal.format.SealedValue;
import org.medcrypt.internal.format.ValueContext;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.KeyCache;
import org.medcrypt.internal.keys.OpenedSmallKey;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.keys.DocumentLimits;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;

/**
 * Opens the small keys of an entity's delegation maps for one data owner, whatever format each
 * value is written in.
 */
final class ValueReader {

    private final String me;
    private final WireFormats formats;
    private final PairKeys pairKeys;

    ValueReader(String me, WireFormats formats, PairKeys pairKeys) {
        this.me = me;
        this.formats = formats;
        this.pairKeys = pairKeys;
    }

    /** The cache this owner's pair keys and memos live in. */
    KeyCache cache() {
        return pairKeys.cache();
    }

    /** Every value of one map this owner can open; fails, saying why, if it can open none. */
    List<OpenedValue> readAll(EncryptableEntity<?> entity, DelegationKind kind) {
        Reading reading = new Reading(entity, kind);
        List<OpenedValue> values = new ArrayList<>(2);
        reading.forEachRemaining(values::add);
        if (values.isEmpty()) {
            throw reading.failure();
        }
        return values;
    }

    /**
     * The values of one map this owner can open, opened one at a time as they are asked for (each
     * may cost a pair key); {@link Reading#failure()} says why when there is none.
     */
    Reading reading(EncryptableEntity<?> entity, DelegationKind kind) {
        return new Reading(entity, kind);
    }

    /** Every value of one map this owner can open, possibly none. */
    List<OpenedValue> readQuietly(EncryptableEntity<?> entity, DelegationKind kind) {
        List<OpenedValue> values = new ArrayList<>(2);
        new Reading(entity, kind).forEachRemaining(values::add);
        return values;
    }

    /** The distinct plain values of {@link #readAll}. */
    static java.util.Set<String> plain(List<OpenedValue> values) {
        java.util.Set<String> plain = new java.util.LinkedHashSet<>();
        values.forEach(value -> plain.add(value.value()));
        return plain;
    }

    boolean canRead(EncryptableEntity<?> entity) {
        return new Reading(entity, DelegationKind.DELEGATIONS).hasNext();
    }

    /** The values of one map, per format they are written in, that this owner can open. */
    Map<String, WireFormat> readableWithFormat(EncryptableEntity<?> entity, DelegationKind kind) {
        Map<String, WireFormat> values = new LinkedHashMap<>();
        for (OpenedValue value : readAll(entity, kind)) {
            values.putIfAbsent(value.format().label() + ":" + value.value(), value.format());
        }
        return values;
    }

    /**
     * One delegation, opened with any pair key of its pair that this owner can use. A value opened
     * before (the very same text, role and context; see {@link KeyCache}) is taken from the memo
     * when the pair key that opened it is still one this owner reads under (its trust checked
     * now); otherwise the value is decoded once, before any pair key is looked up (a malformed one
     * costs no key), and tried with each key.
     */
    Optional<OpenedValue> open(EncryptableEntity<?> entity, DelegationKind kind, Delegation delegation) {
        // a clear() of the cache on another thread destroys the pair keys this read may be using:
        // a value that failed meanwhile is read again, with keys opened afresh
        KeyCache cache = pairKeys.cache();
        for (int attempt = 1; ; attempt++) {
            long generation = cache.generation();
            Optional<OpenedValue> opened = openOnce(entity, kind, delegation);
            if (opened.isPresent() || cache.generation() == generation || attempt == MAX_ATTEMPTS) {
                return opened;
            }
        }
    }

    private static final int MAX_ATTEMPTS = 3;

    private Optional<OpenedValue> openOnce(EncryptableEntity<?> entity, DelegationKind kind, Delegation delegation) {
        WireFormat format = formats.ofValue(delegation.key());
        ValueRole role = ValueRole.of(kind);
        ValueContext context = new ValueContext(entity.type(), entity.id(), delegation.owner(), delegation.delegatedTo());
        SmallKeyRead read = new SmallKeyRead(role, context, delegation.key());
        KeyCache cache = pairKeys.cache();
        Optional<OpenedSmallKey> known = cache.openedSmallKey(read);
        if (known.isPresent()) {
            Optional<PairKey> key = pairKeys.readable(format, delegation.owner(), delegation.delegatedTo(), known.get().pairKey());
            if (key.isPresent()) {
                return Optional.of(new OpenedValue(known.get().value(), format, delegation.owner(), key.get().trust(),
                        known.get().pairKey()));
            }
        }
        Optional<SealedValue> sealed = format.parseSmallKey(delegation.key(), role);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        for (PairKey key : pairKeys.forReading(format, delegation.owner(), delegation.delegatedTo(), sealed.get().pairKeyId())) {
            Optional<String> value = format.decryptSmallKey(key, role, context, sealed.get());
            if (value.isPresent()) {
                cache.rememberOpenedSmallKey(read, new OpenedSmallKey(key.id(), value.get()));
                return Optional.of(new OpenedValue(value.get(), format, delegation.owner(), key.trust(), key.id()));
            }
        }
        return Optional.empty();
    }

    /**
     * The exact inputs of one small-key decryption but the key: the memo's key. Public data only.
     * Not a record: its equals and hashCode run on every read and are written out (a record's are
     * a method-handle chain per component).
     */
    private static final class SmallKeyRead {
        private final ValueRole role;
        private final ValueContext context;
        private final String value;
        private final int hash;

        SmallKeyRead(ValueRole role, ValueContext context, String value) {
            this.role = role;
            this.context = context;
            this.value = value;
            this.hash = ((value.hashCode() * 31 + context.entityId().hashCode()) * 31 + context.owner().hashCode()) * 31
                    + context.delegate().hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SmallKeyRead read && hash == read.hash && role == read.role
                    && context.type() == read.context.type() && value.equals(read.value)
                    && context.entityId().equals(read.context.entityId()) && context.owner().equals(read.context.owner())
                    && context.delegate().equals(read.context.delegate());
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** @throws FormatException if one map of the entity holds more than {@link DocumentLimits#MAX_SMALL_KEYS_PER_MAP} values */
    static void requireMapWithinLimit(EncryptableEntity<?> entity, DelegationKind kind) {
        long values = 0;
        for (List<Delegation> list : entity.delegationMap(kind).values()) {
            values += list.size();
        }
        if (values > DocumentLimits.MAX_SMALL_KEYS_PER_MAP) {
            throw DocumentLimits.overLimit(String.format(Locale.ROOT, "%s holds %,d %s values", describe(entity), values,
                    kind.jsonName()), DocumentLimits.MAX_SMALL_KEYS_PER_MAP, "MAX_SMALL_KEYS_PER_MAP");
        }
    }

    static String describe(EncryptableEntity<?> entity) {
        return entity.type().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '" + entity.id() + "'";
    }

    /**
     * Opens the values of one map lazily: first the delegations addressed to this owner, then
     * (only if none of those opened) the ones this owner wrote for others. A value that does not
     * open (malformed, modified, another entity's, under a rejected pair key, or under a pair key
     * whose owner's document is over a {@link DocumentLimits} limit) is skipped, so that one
     * writer's junk cannot stop every reader; it is reported only if nothing opens.
     *
     * @throws FormatException (when constructed) if this owner's list holds more than
     *     {@link DocumentLimits#MAX_SMALL_KEYS_PER_DELEGATE} values
     */
    final class Reading implements Iterator<OpenedValue> {
        private final EncryptableEntity<?> entity;
        private final DelegationKind kind;
        private Iterator<Delegation> source;
        private boolean fallbackTaken;
        private boolean openedAny;
        private OpenedValue next;
        private FormatException overLimit;

        Reading(EncryptableEntity<?> entity, DelegationKind kind) {
            this.entity = entity;
            this.kind = kind;
            List<Delegation> mine = entity.delegationMap(kind).getOrDefault(me, List.of());
            if (mine.size() > DocumentLimits.MAX_SMALL_KEYS_PER_DELEGATE) {
                throw DocumentLimits.overLimit(String.format(Locale.ROOT, "%s holds %,d %s values for '%s'", describe(entity),
                        mine.size(), kind.jsonName(), me), DocumentLimits.MAX_SMALL_KEYS_PER_DELEGATE, "MAX_SMALL_KEYS_PER_DELEGATE");
            }
            this.source = mine.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!source.hasNext()) {
                    if (fallbackTaken || openedAny) {
                        return false;
                    }
                    fallbackTaken = true;
                    source = writtenByMeForOthers().iterator();
                    continue;
                }
                Optional<OpenedValue> value;
                try {
                    value = open(entity, kind, source.next());
                } catch (FormatException e) {
                    overLimit = e; // the writer's document is over a limit: its values are skipped
                    value = Optional.empty();
                }
                if (value.isPresent()) {
                    openedAny = true;
                    next = value.get();
                }
            }
            return true;
        }

        @Override
        public OpenedValue next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            OpenedValue value = next;
            next = null;
            return value;
        }

        private List<Delegation> writtenByMeForOthers() {
            List<Delegation> byMe = new ArrayList<>();
            requireMapWithinLimit(entity, kind);
            for (Map.Entry<String, List<Delegation>> entry : entity.delegationMap(kind).entrySet()) {
                if (!entry.getKey().equals(me)) {
                    for (Delegation delegation : entry.getValue()) {
                        if (delegation.owner().equals(me)) {
                            byMe.add(delegation);
                        }
                    }
                }
            }
            return byMe;
        }

        /**
         * Why nothing opened: no entry for this owner, a writer's document over a limit, or none
         * opens (one generic error, whatever the cause).
         */
        MedcryptException failure() {
            if (overLimit != null) {
                return overLimit;
            }
            requireMapWithinLimit(entity, kind);
            boolean mine = false;
            for (Delegation delegation : entity.allDelegations(kind)) {
                mine |= delegation.delegatedTo().equals(me) || delegation.owner().equals(me);
            }
            if (!mine) {
                return new AccessDeniedException("healthcare party '" + me + "' has no " + kind.jsonName()
                        + " entry on " + describe(entity) + ": a party that has access must share it with '" + me + "'");
            }
            return new DecryptionFailedException(describe(entity) + " " + kind.jsonName());
        }
    }
}
