package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.util.Optional;
import org.medcrypt.spi.Availability;

/**
 * Builds a provider's {@link JcaEngine} on first use and remembers the result, or the reason it
 * could not be built, for good: constructors of providers do no work, and a failure (say,
 * Conscrypt's native library not loading) is reported instead of thrown at discovery.
 */
final class LazyEngine {

    /** Builds the engine; throws with a reason a person can act on. */
    @FunctionalInterface
    interface Factory {
        JcaEngine create() throws GeneralSecurityException;
    }

    private final String providerId;
    private final Factory factory;
    private final Object lock = new Object();
    /** A {@link JcaEngine}, or the unavailable {@link Availability}; null until resolved. */
    private volatile Object state;

    LazyEngine(String providerId, Factory factory) {
        this.providerId = providerId;
        this.factory = factory;
    }

    /** The engine, or a {@link GeneralSecurityException} naming why the provider is unavailable. */
    JcaEngine get() throws GeneralSecurityException {
        Object resolved = resolve();
        if (resolved instanceof JcaEngine engine) {
            return engine;
        }
        throw new GeneralSecurityException(unavailableMessage((Availability) resolved));
    }

    /** For methods the SPI declares without checked exceptions. */
    JcaEngine getUnchecked() {
        Object resolved = resolve();
        if (resolved instanceof JcaEngine engine) {
            return engine;
        }
        throw new IllegalStateException(unavailableMessage((Availability) resolved));
    }

    Optional<JcaEngine> ifAvailable() {
        Object resolved = resolve();
        return resolved instanceof JcaEngine engine ? Optional.of(engine) : Optional.empty();
    }

    Availability availability() {
        Object resolved = resolve();
        return resolved instanceof JcaEngine ? Availability.available() : (Availability) resolved;
    }

    private String unavailableMessage(Availability availability) {
        return "crypto provider '" + providerId + "' is unavailable: " + availability.reason();
    }

    private Object resolve() {
        Object resolved = state;
        if (resolved == null) {
            synchronized (lock) {
                resolved = state;
                if (resolved == null) {
                    resolved = build();
                    state = resolved;
                }
            }
        }
        return resolved;
    }

    private Object build() {
        try {
            return factory.create();
        } catch (GeneralSecurityException e) {
            return Availability.unavailable(describe(e));
        } catch (LinkageError | RuntimeException e) {
            // NoClassDefFoundError, UnsatisfiedLinkError, ExceptionInInitializerError from a library
            return Availability.unavailable(describe(e));
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
}
