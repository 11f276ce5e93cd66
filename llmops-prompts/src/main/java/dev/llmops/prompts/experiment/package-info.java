/**
 * A/B experiments between prompt versions or labels, sticky per key.
 *
 * <p>Null policy: parameters are non-null (checked).
 *
 * @since 0.1.0
 */
package dev.llmops.prompts.experiment;
