package org.medcrypt.tck;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.PrivateKeyText;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.sharing.DelegationService;

/**
 * The iCure v1 dataset made outside medcrypt with iCure's own SDK (see the README beside it),
 * and the canonical "what a party can read" view its {@code expected.json} is written in.
 */
public final class Fixture {

    private static final String FOLDER = "/org/medcrypt/tck/fixtures/icure-v1/";

    private Fixture() {
    }

    public static byte[] resource(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + FOLDER + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Dataset dataset() {
        return Dataset.parse(resource("dataset.json"), "fixture dataset");
    }

    public static ObjectNode expected() {
        return MedcryptJson.parseObject(resource("expected.json"), "fixture expected.json");
    }

    /** PKCS#8 keys of a party in the fixture (C holds its new and its old key). */
    public static List<byte[]> privateKeys(String party) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(PrivateKeyText.parsePkcs8(new String(resource(party + ".pkcs8.hex"), StandardCharsets.US_ASCII)));
        if (party.equals("C")) {
            keys.add(PrivateKeyText.parsePkcs8(new String(resource("C-old.pkcs8.hex"), StandardCharsets.US_ASCII)));
        }
        return keys;
    }

    public static byte[] pemKey(String party) {
        return PrivateKeyText.parsePkcs8(new String(resource(party + ".pem"), StandardCharsets.US_ASCII));
    }

    /**
     * Everything the service's data owner can read, in expected.json's canonical shape:
     * {@code {collection: {id: {secretForeignKeys, encryptionKeys, parentIds, decrypted}}}}.
     */
    public static ObjectNode whatCanBeRead(DelegationService service) {
        ObjectNode out = MedcryptJson.nodes().objectNode();
        for (EntityType type : EntityType.values()) {
            ObjectNode byId = out.putObject(type.collection());
            List<EncryptableEntity<?>> all;
            try (java.util.stream.Stream<EncryptableEntity<?>> scan = service.store().scanEntities(type)) {
                all = scan.toList();
            }
            for (EncryptableEntity<?> entity : all) {
                if (!service.canRead(entity)) {
                    continue;
                }
                ObjectNode view = byId.putObject(entity.id());
                ObjectNode decrypted = decryptedFields(service, entity);
                view.set("decrypted", decrypted);
                view.set("encryptionKeys", sortedArray(service.contentKeys(entity)));
                if (type.isChild()) {
                    view.set("parentIds", sortedArray(service.parentIds(entity)));
                }
                view.set("secretForeignKeys", sortedArray(service.secretForeignKeys(entity)));
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ObjectNode decryptedFields(DelegationService service, EncryptableEntity<?> entity) {
        ObjectNode fields = service.decrypt((EncryptableEntity) entity).decryptedFields();
        ObjectNode sorted = MedcryptJson.nodes().objectNode();
        new TreeSet<String>(names(fields)).forEach(name -> sorted.set(name, fields.get(name)));
        return sorted;
    }

    private static Collection<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ArrayNode sortedArray(Collection<String> values) {
        ArrayNode array = MedcryptJson.nodes().arrayNode();
        new TreeSet<>(values).forEach(array::add);
        return array;
    }
}
