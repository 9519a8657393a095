package org.medcrypt.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.medcrypt.agility.AuditReport;
import org.medcrypt.agility.KeylessAudit;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;

/**
 * The keyless audit of a store: its documents, read from the store's scans (a database cursor),
 * go as one dataset JSON document through a pipe into {@link KeylessAudit}, which reads it as it
 * reads a file: streamed, one document in memory at a time, the same checks and the same report.
 */
final class StoreAudit {

    private static final ObjectMapper WRITER = JsonMapper.builder().build();

    private StoreAudit() {
    }

    /**
     * Audits every document of {@code store}.
     *
     * @param what names the store in messages (never with a password)
     */
    static AuditReport keyless(EntityStore store, String what, KeylessAudit.Progress progress) {
        PipedInputStream in = new PipedInputStream(1 << 16);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (OutputStream pipe = out) {
                write(store, pipe);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "medcrypt-audit-store-scan");
        writer.setDaemon(true);
        writer.start();
        AuditReport report;
        RuntimeException auditFailure = null;
        try {
            report = KeylessAudit.of(in, "store " + what, progress);
        } catch (RuntimeException e) {
            auditFailure = e;
            report = null;
        } finally {
            try {
                in.close(); // a writer still writing gets "pipe closed" and ends
            } catch (IOException e) {
                // nothing to release
            }
            join(writer);
        }
        Throwable scanFailure = failure.get();
        // an IOException is the pipe this method closed (the only thing the writer writes to);
        // anything else is the store's failure, which says more than the truncated JSON the audit saw
        if (scanFailure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (scanFailure instanceof Error error) {
            throw error;
        }
        if (auditFailure != null) {
            throw auditFailure;
        }
        return report;
    }

    /** The store's documents as a dataset JSON object: each collection an array, in the stores' scan order. */
    private static void write(EntityStore store, OutputStream out) throws IOException {
        try (JsonGenerator json = WRITER.getFactory().createGenerator(out, JsonEncoding.UTF8)
                .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)) {
            json.writeStartObject();
            json.writeArrayFieldStart("healthcareParties");
            try (Stream<HealthcareParty> parties = store.scanParties()) {
                for (Iterator<HealthcareParty> it = parties.iterator(); it.hasNext(); ) {
                    json.writeTree(it.next().toJson());
                }
            }
            json.writeEndArray();
            for (EntityType type : EntityType.values()) {
                json.writeArrayFieldStart(type.collection());
                try (Stream<EncryptableEntity<?>> all = store.scanEntities(type)) {
                    for (Iterator<EncryptableEntity<?>> it = all.iterator(); it.hasNext(); ) {
                        json.writeTree(it.next().toJson());
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }

    private static void join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
