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
     * Children that carry one of the patient's secret ids and whose parent id, as this owner reads
     * it, is this patient (a secret id is in clear in every child, so anyone who can write
     * documents can attach it to another patient's child).
     */
    List<EncryptableEntity<?>> childrenOf(Patient patient, EntityType type) {
        List<EncryptableEntity<?>> children = new ArrayList<>();
        for (EncryptableEntity<?> child : candidateChildren(patient, type)) {
            if (isChildOf(child, patient)) {
                children.add(child);
            }
        }
        return children;
    }

    boolean isChildOf(EncryptableEntity<?> child, Patient patient) {
        return ValueReader.plain(reader.readQuietly(child, DelegationKind.CRYPTED_FOREIGN_KEYS)).contains(patient.id());
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
