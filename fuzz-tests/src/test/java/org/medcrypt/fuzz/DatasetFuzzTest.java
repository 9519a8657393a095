package org.medcrypt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import org.medcrypt.FormatException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * Dataset JSON and the model's {@code fromJson}: whatever the bytes, reading either succeeds or
 * throws {@link FormatException} (what {@link Dataset#parse} and every {@code fromJson} document);
 * and what was read writes back to JSON that reads again to the same document (numbers compared
 * by value).
 */
class DatasetFuzzTest {

    /**
     * Equal nodes, numbers by value: a kept number may come back in another notation ({@code
     * 1.5e1} as {@code 15}), which Jackson's {@code equals} tells apart by node type and scale.
     */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.equals(b)) {
            return 0;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
    };

    /** A whole dataset file. */
    @FuzzTest(maxDuration = "5m")
    void datasetJson(byte[] input) {
        Dataset dataset;
        try {
            dataset = Dataset.parse(input, "fuzz input");
        } catch (FormatException documented) {
            return;
        }
        ObjectNode written = dataset.toJson();
        Dataset again = Dataset.parse(MedcryptJson.toBytes(written), "written dataset");
        if (!again.toJson().equals(SAME_VALUE, written)) {
            throw new AssertionError("a dataset read, written and read again changed");
        }
    }

    /** One document of each kind, through {@code fromJson}, then {@code toJson} and back. */
    @FuzzTest(maxDuration = "5m")
    void documentFromJson(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, EntityType.values().length);
        byte[] json = data.consumeRemainingAsBytes();
        ObjectNode node;
        try {
            node = MedcryptJson.parseObject(json, "fuzz document");
        } catch (FormatException documented) {
            return;
        }
        try {
            if (kind == EntityType.values().length) {
                HealthcareParty party = HealthcareParty.fromJson(node);
                ObjectNode written = party.toJson();
                if (!HealthcareParty.fromJson(written).toJson().equals(SAME_VALUE, written)) {
                    throw new AssertionError("a party document read, written and read again changed");
                }
            } else {
                EntityType type = EntityType.values()[kind];
                EncryptableEntity<?> entity = Dataset.entity(type, node);
                ObjectNode written = entity.toJson();
                if (!Dataset.entity(type, written).toJson().equals(SAME_VALUE, written)) {
                    throw new AssertionError("a " + type + " document read, written and read again changed");
                }
            }
        } catch (FormatException documented) {
            // the document is malformed: documented
        }
    }
}
