/**
 * Implementation details of llmops-prompts. Not public API: may change in any release; do not import.
 */
package dev.llmops.prompts.internal;
