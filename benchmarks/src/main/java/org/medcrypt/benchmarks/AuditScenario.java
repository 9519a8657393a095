package org.medcrypt.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.List;
import org.medcrypt.agility.AuditReport;
import org.medcrypt.agility.KeylessAudit;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * The keyless audit ({@code medcrypt audit} without keys) of a dataset held in memory, so the
 * figure is the scan's, not the disk's. The dataset: A wrote {@value #PATIENTS} patients with
 * {@value #CONTACTS_PER_PATIENT} contacts each, half in v1 and half in v2, and shared them all with
 * B (real values, made with jca); those documents are then repeated with fresh ids until the file
 * holds at least {@code minimumBytes} (the audit reads no value, so repeats cost what originals do).
 * Four parties, so pair keys and anomaly checks are real too.
 */
public final class AuditScenario {

    public static final int PATIENTS = 10;
    public static final int CONTACTS_PER_PATIENT = 9;

    private final byte[] dataset;
    private final long entities;

    public AuditScenario(int minimumBytes) throws GeneralSecurityException {
        CryptoProvider provider = Impls.provider("jca");
        InMemoryEntityStore store = Scheme.storeWith(List.of("A", "B", "C", "D"));
        DataOwnerKeys keys = Scheme.keys(provider, "A");
        PairKeyCache cache = PairKeyCache.create();
        for (Suite suite : Suite.values()) {
            DelegationService a = Scheme.service(provider, store, keys, cache, suite);
            for (int p = 0; p < PATIENTS / 2; p++) {
                String id = suite.name() + "-patient-" + p;
                Patient patient = a.createPatient(Scheme.document(id, "note", Data.text(200, 40 + p)));
                for (int c = 0; c < CONTACTS_PER_PATIENT; c++) {
                    a.createChild(EntityType.CONTACT, Scheme.document(id + "-contact-" + c, "descr",
                            Data.text(120, 2000 + p * CONTACTS_PER_PATIENT + c)), patient);
                }
                a.shareWithCascade(store.patient(id).orElseThrow(), "B");
            }
        }
        ObjectNode original = Dataset.empty().with(store).toJson();
        ByteArrayOutputStream out = new ByteArrayOutputStream(minimumBytes + (1 << 20));
        long count = 0;
        try (JsonGenerator json = MedcryptJson.reader().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.setCodec(new com.fasterxml.jackson.databind.ObjectMapper());
            json.writeStartObject();
            json.writeFieldName("healthcareParties");
            json.writeTree(original.get("healthcareParties"));
            long perRound = 0;
            for (EntityType type : EntityType.values()) {
                perRound += MedcryptJson.toBytes(original.get(type.collection())).length;
            }
            long rounds = Math.max(1, minimumBytes / perRound + 1);
            for (EntityType type : EntityType.values()) {
                json.writeArrayFieldStart(type.collection());
                for (long round = 0; round < rounds; round++) {
                    for (JsonNode entity : original.get(type.collection())) {
                        ObjectNode copy = entity.deepCopy();
                        copy.put("id", entity.get("id").asText() + (round == 0 ? "" : "~" + round));
                        json.writeTree(copy);
                        count++;
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.dataset = out.toByteArray();
        this.entities = count;
    }

    /** The dataset's size in bytes. */
    public int bytes() {
        return dataset.length;
    }

    /** Audits the dataset once, without keys. */
    public AuditReport audit() {
        return KeylessAudit.of(new ByteArrayInputStream(dataset), "benchmark dataset", KeylessAudit.Progress.none());
    }

    /** Checks that the audit counts every entity the dataset holds, v1 and v2. */
    public void verify() {
        AuditReport report = audit();
        if (report.entityTotal() != entities || report.datasetBytes() != dataset.length
                || report.v1Debt().entities() * 2 != entities) {
            throw new IllegalStateException("the audit counted " + report.entityTotal() + " entities ("
                    + report.v1Debt().entities() + " v1) of " + entities + " in " + dataset.length + " bytes");
        }
    }
}
