/**
 * Implementation details of llmops-guard: detectors, scanners, the redactor. Not an API: do not
 * import these types, they change without notice.
 *
 * <p>Null policy: parameters are non-null unless a parameter says otherwise.
 *
 * @since 0.1.0
 */
package dev.llmops.guard.internal;
