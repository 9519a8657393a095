package org.medcrypt.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;

/** The five bundled providers, as discovery finds them, and every (writer, reader) pair. */
final class Providers {

    static final List<String> IDS = List.of("jca", "accp", "conscrypt", "bouncycastle", "tink");

    private Providers() {
    }

    static CryptoProvider get(String id) {
        return CryptoProviders.get(id);
    }

    /** 25 pairs × both suites. */
    static Stream<Arguments> pairsAndSuites() {
        List<Arguments> out = new ArrayList<>();
        for (org.medcrypt.spi.Suite suite : org.medcrypt.spi.Suite.values()) {
            pairs().forEach(pair -> out.add(Arguments.of(pair.get()[0], pair.get()[1], suite)));
        }
        return out.stream();
    }

    /** 25 pairs: each provider writes, each reads (itself included, as a control). */
    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (String writer : IDS) {
            for (String reader : IDS) {
                pairs.add(Arguments.of(writer, reader));
            }
        }
        return pairs.stream();
    }
}
