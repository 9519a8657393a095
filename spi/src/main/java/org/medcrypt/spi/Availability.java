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

    public static Availability available() {
        return AVAILABLE;
    }

    public static Availability unavailable(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
        return new Availability(false, reason);
    }

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
