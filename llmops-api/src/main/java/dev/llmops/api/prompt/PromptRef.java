package dev.llmops.api.prompt;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A reference to a prompt version: {@code name} (latest), {@code name@label} or {@code name@3}.
 *
 * @param name     the prompt name: letters, digits, {@code . _ - /}
 * @param selector {@code latest}, a label, or a version number
 * @since 0.1.0
 */
public record PromptRef(String name, String selector) {

    /** The implicit selector of the newest version. */
    public static final String LATEST = "latest";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public PromptRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(selector, "selector");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("prompt name must match " + NAME + " but was: '" + name + "'");
        }
        if (!SELECTOR.matcher(selector).matches()) {
            throw new IllegalArgumentException("prompt selector must match " + SELECTOR + " but was: '" + selector
                    + "'");
        }
    }

    /** Parses {@code name}, {@code name@label} or {@code name@version}. */
    public static PromptRef parse(String ref) {
        Objects.requireNonNull(ref, "ref");
        int at = ref.lastIndexOf('@');
        return at < 0 ? new PromptRef(ref, LATEST) : new PromptRef(ref.substring(0, at), ref.substring(at + 1));
    }

    public static PromptRef latest(String name) {
        return new PromptRef(name, LATEST);
    }

    public static PromptRef label(String name, String label) {
        return new PromptRef(name, label);
    }

    public static PromptRef version(String name, int version) {
        if (version <= 0) {
            throw new IllegalArgumentException("version must be > 0 but was: " + version);
        }
        return new PromptRef(name, Integer.toString(version));
    }

    /** The version number when the selector is one. */
    public OptionalInt version() {
        return selector.chars().allMatch(Character::isDigit) ? OptionalInt.of(Integer.parseInt(selector))
                : OptionalInt.empty();
    }

    @Override
    public String toString() {
        return name + "@" + selector;
    }
}
