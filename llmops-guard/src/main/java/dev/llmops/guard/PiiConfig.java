package dev.llmops.guard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * What the PII detector looks for: which built-in types, which default regions phone numbers
 * without a country code are parsed for, and extra {@link PiiRecognizer}s.
 *
 * <pre>{@code
 * PiiConfig config = PiiConfig.builder()
 *         .phoneRegions("DE", "AT", "CH")
 *         .disable(PiiType.IP_ADDRESS)
 *         .recognizer(myNameRecognizer)
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PiiConfig {

    /** The default phone regions: numbers in national format from these countries are found. */
    public static final List<String> DEFAULT_PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "ES", "IT", "BR", "AU");

    private static final PiiConfig DEFAULTS = builder().build();

    private final Set<PiiType> types;
    private final List<String> phoneRegions;
    private final List<PiiRecognizer> recognizers;

    private PiiConfig(Builder b) {
        this.types = b.types.isEmpty() ? Set.of() : Set.copyOf(b.types);
        this.phoneRegions = List.copyOf(b.phoneRegions);
        this.recognizers = List.copyOf(b.recognizers);
    }

    /** All built-in types, phone regions {@link #DEFAULT_PHONE_REGIONS}, no extra recognizers. */
    public static PiiConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The enabled built-in types. */
    public Set<PiiType> types() {
        return types;
    }

    /** ISO 3166 regions used to parse phone numbers written without a country code. */
    public List<String> phoneRegions() {
        return phoneRegions;
    }

    /** Extra recognizers, run after the built-in ones. */
    public List<PiiRecognizer> recognizers() {
        return recognizers;
    }

    /** Builds a {@link PiiConfig}. Not thread-safe. */
    public static final class Builder {
        private final EnumSet<PiiType> types = EnumSet.allOf(PiiType.class);
        private List<String> phoneRegions = DEFAULT_PHONE_REGIONS;
        private final List<PiiRecognizer> recognizers = new ArrayList<>();

        private Builder() {
        }

        /**
         * Regions for phone numbers without a country code (international numbers starting with
         * {@code +} are found whatever the regions).
         *
         * @throws IllegalArgumentException when empty or a region is unknown to libphonenumber
         */
        public Builder phoneRegions(String... regions) {
            if (regions.length == 0) {
                throw new IllegalArgumentException("phoneRegions must not be empty");
            }
            Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
            List<String> list = new ArrayList<>();
            for (String r : regions) {
                String up = Objects.requireNonNull(r, "region").toUpperCase(Locale.ROOT);
                if (!supported.contains(up)) {
                    throw new IllegalArgumentException("phoneRegions contains an unknown region: " + r);
                }
                list.add(up);
            }
            this.phoneRegions = List.copyOf(list);
            return this;
        }

        /** Turns built-in types off. */
        public Builder disable(PiiType... disabled) {
            for (PiiType t : disabled) {
                types.remove(Objects.requireNonNull(t, "type"));
            }
            return this;
        }

        /** Adds a recognizer for more kinds of PII. */
        public Builder recognizer(PiiRecognizer recognizer) {
            recognizers.add(Objects.requireNonNull(recognizer, "recognizer"));
            return this;
        }

        public PiiConfig build() {
            return new PiiConfig(this);
        }
    }
}
