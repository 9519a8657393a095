package org.medcrypt.sharing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.store.EntityStore;

/** From a patient to its children by secret id, and from a child to its patient by parent id. */
final class Navigation {

    private final EntityStore store;
    private final ValueReader reader;

    Navigation(EntityStore store, ValueReader reader) {
        this.store = store;
        this.reader = reader;
    }

    /**
     * Children that carry one of the patient's secret ids and whose parent ids, as this owner reads
     * them, are this patient only (a secret id is in clear in every child, so anyone who can write
     * documents can attach it to another patient's child).
     */
    List<EncryptableEntity<?>> childrenOf(Patient patient, EntityType type) {
        List<EncryptableEntity<?>> children = new ArrayList<>();
        int rank = rankOfSecretIds(patient);
        for (EncryptableEntity<?> child : candidateChildren(patient, type)) {
            if (isChildOf(child, patient, rank)) {
                children.add(child);
            }
        }
        return children;
    }

    /** The best {@link #rank} among the patient's secret ids this owner reads. */
    int rankOfSecretIds(Patient patient) {
        int best = 0;
        for (OpenedValue value : reader.readAll(patient, DelegationKind.DELEGATIONS)) {
            best = Math.max(best, rank(value));
        }
        return best;
    }

    /**
     * True if the child's parent ids, counting only those vouched for at least as well as the
     * patient's own secret id ({@code minimumRank}), are this patient and nothing else. A secret id
     * is in clear in every child, so whoever can write documents can attach it to another
     * patient's child, and can add a parent id under a party it invented (a published, unpinned
     * signing key): that value counts only where the patient itself was read under no better key.
     */
    boolean isChildOf(EncryptableEntity<?> child, Patient patient, int minimumRank) {
        // one distinct parent id, this patient's (no set: this runs once per child of a record)
        String parent = null;
        for (OpenedValue value : reader.readQuietly(child, DelegationKind.CRYPTED_FOREIGN_KEYS)) {
            if (rank(value) >= minimumRank) {
                if (parent == null) {
                    parent = value.value();
                } else if (!parent.equals(value.value())) {
                    return false;
                }
            }
        }
        return patient.id().equals(parent);
    }

    /** OWN 3, PINNED 2, PUBLISHED 1, UNSIGNED 0. */
    static int rank(OpenedValue value) {
        return switch (value.trust()) {
            case SIGNED_OWN -> 3;
            case SIGNED_PINNED -> 2;
            case SIGNED_PUBLISHED -> 1;
            case UNSIGNED, REJECTED -> 0;
        };
    }

    /** Children of {@code type} carrying one of the patient's secret ids (a store query). */
    List<EncryptableEntity<?>> candidateChildren(Patient patient, EntityType type) {
        Map<String, EncryptableEntity<?>> found = new LinkedHashMap<>();
        for (String key : ValueReader.plain(reader.readAll(patient, DelegationKind.DELEGATIONS))) {
            for (EncryptableEntity<?> child : store.bySecretForeignKey(type, key)) {
                found.putIfAbsent(child.id(), child);
            }
        }
        return new ArrayList<>(found.values());
    }

    Optional<Patient> patientOf(EncryptableEntity<?> child) {
        for (String parentId : ValueReader.plain(reader.readAll(child, DelegationKind.CRYPTED_FOREIGN_KEYS))) {
            Optional<Patient> patient = store.patient(parentId);
            if (patient.isPresent()) {
                return patient;
            }
        }
        return Optional.empty();
    }
}
