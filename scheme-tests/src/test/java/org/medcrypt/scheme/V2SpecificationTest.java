package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.medcrypt.tck.V2Reference;

/** The worked example printed in docs/v2-format.md is the one the kit checks on every provider. */
class V2SpecificationTest {

    @Test
    void theDocumentShowsTheValuesThePlainJcaReferenceComputes() throws Exception {
        String document = Files.readString(Path.of("..", "docs", "v2-format.md"));
        assertThat(document)
                .contains(V2Reference.Example.delegationForB())
                .contains(V2Reference.Example.encryptionKeyForB())
                .contains(V2Reference.Example.encryptedSelf());
    }
}
