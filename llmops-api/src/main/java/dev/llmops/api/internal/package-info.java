/**
 * Implementation details of llmops-api. Not public API: may change in any release; do not import.
 */
package dev.llmops.api.internal;
