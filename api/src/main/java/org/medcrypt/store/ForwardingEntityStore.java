package org.medcrypt.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * An {@link EntityStore} that forwards every call to another: subclass it to interpose on some
 * calls (count them, log them, inject a failure or a concurrent change in a test) and keep the
 * others, including look-ups added to the contract later. The shortcuts ({@code saveAll},
 * {@code save}, {@code saveParty}, {@code patient}) are not forwarded: they go through this
 * store's {@link #apply} and {@link #entity}, so interposing there sees them.
 */
public class ForwardingEntityStore implements EntityStore {

    private final EntityStore delegate;

    /** Forwards to {@code delegate}. */
    protected ForwardingEntityStore(EntityStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls are forwarded to. */
    protected final EntityStore delegate() {
        return delegate;
    }

    @Override
    public Optional<HealthcareParty> party(String id) {
        return delegate.party(id);
    }

    @Override
    public Map<String, HealthcareParty> parties(Collection<String> ids) {
        return delegate.parties(ids);
    }

    @Override
    public List<HealthcareParty> partiesByKeyFingerprint(KeyFingerprint fingerprint) {
        return delegate.partiesByKeyFingerprint(fingerprint);
    }

    @Override
    public List<HealthcareParty> pairKeyOwnersFor(String delegateId) {
        return delegate.pairKeyOwnersFor(delegateId);
    }

    @Override
    public Stream<HealthcareParty> scanParties() {
        return delegate.scanParties();
    }

    @Override
    public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
        return delegate.entity(type, id);
    }

    @Override
    public Map<String, EncryptableEntity<?>> entities(EntityType type, Collection<String> ids) {
        return delegate.entities(type, ids);
    }

    @Override
    public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
        return delegate.bySecretForeignKey(type, secretForeignKey);
    }

    @Override
    public boolean hasSecretForeignKey(EntityType type, String secretForeignKey) {
        return delegate.hasSecretForeignKey(type, secretForeignKey);
    }

    @Override
    public Stream<EncryptableEntity<?>> sharedWith(EntityType type, String delegateId) {
        return delegate.sharedWith(type, delegateId);
    }

    @Override
    public Stream<EncryptableEntity<?>> scanEntities(EntityType type) {
        return delegate.scanEntities(type);
    }

    @Override
    public UpdateResult apply(StoreUpdate update) {
        return delegate.apply(update);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
