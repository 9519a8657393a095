package org.medcrypt.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.model.Contact;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Form;
import org.medcrypt.model.HealthElement;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * A dataset file: one JSON object in iCure's document shapes,
 * {@code {"healthcareParties": [...], "patients": [...], "contacts": [...], "forms": [...],
 * "healthElements": [...]}}. Reading validates every document; other top-level fields are kept.
 */
public final class Dataset {

    private static final String PARTIES = "healthcareParties";

    private final ObjectNode document;

    private Dataset(ObjectNode document) {
        this.document = document;
    }

    /**
     * Reads and validates a dataset.
     *
     * @throws FormatException if the JSON or any document in it is malformed
     */
    public static Dataset fromJson(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        Dataset dataset = new Dataset(copy);
        dataset.toStore(); // validates every document
        return dataset;
    }

    /**
     * Parses and validates a dataset from its JSON bytes (UTF-8).
     *
     * @param what names the input in error messages, e.g. a file name
     * @throws FormatException if the JSON or any document in it is malformed
     */
    public static Dataset parse(byte[] json, String what) {
        return fromJson(MedcryptJson.parseObject(json, what));
    }

    /**
     * Reads a dataset file.
     *
     * @throws org.medcrypt.NotFoundException if there is no such file
     * @throws FormatException if it is not a valid dataset
     */
    public static Dataset read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new org.medcrypt.NotFoundException("dataset file " + file + " does not exist");
        } catch (IOException e) {
            throw new MedcryptException("cannot read dataset file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, "dataset file " + file);
    }

    /** The dataset of everything in a store, keeping the other top-level fields of this one. */
    public Dataset with(EntityStore store) {
        ObjectNode copy = document.deepCopy();
        ArrayNode parties = copy.putArray(PARTIES);
        try (java.util.stream.Stream<HealthcareParty> all = store.scanParties()) {
            all.forEach(party -> parties.add(party.toJson()));
        }
        for (EntityType type : EntityType.values()) {
            ArrayNode list = copy.putArray(type.collection());
            try (java.util.stream.Stream<EncryptableEntity<?>> all = store.scanEntities(type)) {
                all.forEach(entity -> list.add(entity.toJson()));
            }
        }
        return new Dataset(copy);
    }

    /** An empty dataset. */
    public static Dataset empty() {
        return new Dataset(MedcryptJson.nodes().objectNode()).with(new InMemoryEntityStore());
    }

    /**
     * A new in-memory store holding every document of this dataset as it is (revisions kept,
     * none given to a document without one: see {@link InMemoryEntityStore#loaded}).
     */
    public InMemoryEntityStore toStore() {
        List<HealthcareParty> parties = new ArrayList<>();
        for (ObjectNode node : objects(PARTIES)) {
            parties.add(HealthcareParty.fromJson(node));
        }
        Map<EntityType, List<EncryptableEntity<?>>> entities = new EnumMap<>(EntityType.class);
        for (EntityType type : EntityType.values()) {
            List<EncryptableEntity<?>> list = new ArrayList<>();
            for (ObjectNode node : objects(type.collection())) {
                list.add(entity(type, node));
            }
            entities.put(type, list);
        }
        List<EncryptableEntity<?>> all = new ArrayList<>();
        entities.values().forEach(all::addAll);
        return InMemoryEntityStore.loaded(parties, all);
    }

    /** Reads one entity document of the given type. */
    public static EncryptableEntity<?> entity(EntityType type, ObjectNode node) {
        return switch (type) {
            case PATIENT -> Patient.fromJson(node);
            case CONTACT -> Contact.fromJson(node);
            case FORM -> Form.fromJson(node);
            case HEALTH_ELEMENT -> HealthElement.fromJson(node);
        };
    }

    /** The dataset as a JSON tree (a copy: changing it does not change this dataset). */
    public ObjectNode toJson() {
        return document.deepCopy();
    }

    /**
     * Writes the dataset to {@code file} atomically: into a temporary file in the same folder,
     * then renamed over {@code file}, so a reader or a crash never sees half a file. An existing
     * file keeps its POSIX permissions (a new one is readable by its owner only) and a symbolic
     * link is followed, not replaced.
     */
    public void writeAtomically(Path file) {
        Objects.requireNonNull(file, "file");
        Path temporary = null;
        try {
            Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            byte[] bytes = (MedcryptJson.toPrettyString(document) + "\n").getBytes(StandardCharsets.UTF_8);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temporary,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true); // on disk before the rename makes it visible
            }
            keepPermissions(target, temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new MedcryptException("cannot replace " + file + " atomically on this file system: "
                        + "write the dataset to a local disk");
            }
        } catch (IOException e) {
            throw new MedcryptException("cannot write dataset file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the target is intact either way
                }
            }
        }
    }

    private static void keepPermissions(Path existing, Path replacement) throws IOException {
        if (Files.exists(existing) && Files.getFileAttributeView(existing, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(replacement, Files.getPosixFilePermissions(existing));
        }
    }

    private List<ObjectNode> objects(String field) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new FormatException("dataset: '" + field + "' must be a JSON array");
        }
        List<ObjectNode> objects = new ArrayList<>();
        int index = 0;
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new FormatException("dataset: " + field + "[" + index + "] must be a JSON object");
            }
            objects.add((ObjectNode) item);
            index++;
        }
        return objects;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Dataset[");
        document.fieldNames().forEachRemaining(name -> out.append(name).append(' '));
        return out.toString().strip() + "]";
    }
}
