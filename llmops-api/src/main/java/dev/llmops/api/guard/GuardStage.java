package dev.llmops.api.guard;

/**
 * Where a guard runs: on the user's input before the model, or on the model's output after it.
 *
 * @since 0.1.0
 */
public enum GuardStage {
    INPUT, OUTPUT
}
