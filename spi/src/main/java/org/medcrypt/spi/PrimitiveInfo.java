package org.medcrypt.spi;

import java.util.Objects;

/**
 * Which code implements a primitive in a provider.
 *
 * @param primitive the primitive
 * @param implementation the class or engine that does the work, e.g. {@code "AESNativeGCM"}
 * @param nativeToLibrary true when the provider's own library implements it; false when the
 *     provider delegates to another library (say, the JDK) and {@code implementation} names which
 */
public record PrimitiveInfo(Primitive primitive, String implementation, boolean nativeToLibrary) {
    public PrimitiveInfo {
        Objects.requireNonNull(primitive, "primitive");
        Objects.requireNonNull(implementation, "implementation");
    }
}
