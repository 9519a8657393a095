package org.medcrypt.spi;

import java.util.Objects;

/** Whether a provider works on this platform; when it does not, a reason a person can act on. */
public final class Availability {

    private static final Availability AVAILABLE = new Availability(true, "");

    private final boolean available;
    private final String reason;

    private Availability(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    /** The provider works here. */
    public static Availability available() {
        return AVAILABLE;
    }

    /**
     * The provider cannot work here, and why: what a person can do about it (install a native library,
     * use another platform), never a stack trace.
     *
     * @throws IllegalArgumentException if {@code reason} is blank
     */
    public static Availability unavailable(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
        return new Availability(false, reason);
    }

    /** Whether the provider works on this platform. */
    public boolean isAvailable() {
        return available;
    }

    /** Empty when available. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
