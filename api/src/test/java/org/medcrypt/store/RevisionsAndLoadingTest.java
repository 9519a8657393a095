package org.medcrypt.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;

/**
 * What the conformance kit cannot reach from outside: revision numbering, and documents loaded
 * from a file as they are (with or without a revision), written back unchanged.
 */
class RevisionsAndLoadingTest {

    private static final String DATASET = """
            {"healthcareParties":[{"id":"A","publicKey":"00112233445566778899aabbccddeeff00112233"}],
             "patients":[{"id":"p1","rev":"7-abc","note":"x"},{"id":"p2","note":"y"}],
             "contacts":[],"forms":[],"healthElements":[]}
            """;

    @Test
    void revisionsCountGenerationsAndDiffer() {
        assertThat(Revisions.generation("3-9f0c")).isEqualTo(3);
        assertThat(Revisions.generation("12-")).isEqualTo(12);
        for (String foreign : List.of("abc", "-1", "x-1", "", "99999999999999999999-x", "1a-b")) {
            assertThat(Revisions.generation(foreign)).as(foreign).isZero();
        }
        assertThat(Revisions.next(Optional.empty(), Optional.empty())).matches("1-[0-9a-f]{32}");
        assertThat(Revisions.next(Optional.of("4-aa"), Optional.of("9-bb"))).startsWith("5-");
        assertThat(Revisions.next(Optional.empty(), Optional.of("9-bb"))).startsWith("10-");
        assertThat(Revisions.next(Optional.empty(), Optional.empty())).isNotEqualTo(Revisions.next(Optional.empty(), Optional.empty()));
    }

    @Test
    void aLoadedFileKeepsItsRevisionsAndGoesBackUnchangedWhenNothingWasSaved() {
        Dataset dataset = Dataset.parse(DATASET.getBytes(StandardCharsets.UTF_8), "test");
        InMemoryEntityStore store = dataset.toStore();

        assertThat(store.patient("p1").orElseThrow().rev()).hasValue("7-abc");
        assertThat(store.patient("p2").orElseThrow().rev()).isEmpty();
        assertThat(dataset.with(store).toJson()).isEqualTo(dataset.toJson());
    }

    @Test
    void aDocumentLoadedWithoutRevisionIsExpectedWithoutOneUntilSomeoneSavesIt() {
        InMemoryEntityStore store = Dataset.parse(DATASET.getBytes(StandardCharsets.UTF_8), "test").toStore();
        EncryptableEntity<?> asRead = store.patient("p2").orElseThrow();
        EncryptableEntity<?> other = asRead.withFields(MedcryptJson.nodes().objectNode().put("note", "z"));

        UpdateResult first = store.apply(StoreUpdate.builder().expectUnchanged(asRead).save(other).build());
        assertThat(first.applied()).isTrue();
        String rev = first.entity(EntityType.PATIENT, "p2").orElseThrow().rev().orElseThrow();
        assertThat(rev).startsWith("1-");

        // the same expectation again: the document now has a revision, so a writer still holding the file's copy is refused
        UpdateResult second = store.apply(StoreUpdate.builder().expectUnchanged(asRead).save(asRead).build());
        assertThat(second.applied()).isFalse();
        assertThat(second.conflicts()).containsExactly(UpdateResult.Conflict.entity(EntityType.PATIENT, "p2"));
        assertThat(store.patient("p2").orElseThrow().rev()).hasValue(rev);
    }

    @Test
    void aSaveContinuesTheFilesNumberingAndPutsRevRightAfterId() {
        InMemoryEntityStore store = Dataset.parse(DATASET.getBytes(StandardCharsets.UTF_8), "test").toStore();
        EncryptableEntity<?> p1 = store.save(store.patient("p1").orElseThrow());
        EncryptableEntity<?> p2 = store.save(store.patient("p2").orElseThrow());

        assertThat(p1.rev().orElseThrow()).startsWith("8-").isNotEqualTo("8-abc");
        List<String> fields = new java.util.ArrayList<>();
        p2.toJson().fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "rev", "note");
    }
}
