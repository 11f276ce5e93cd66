package dev.llmops.guard;

/**
 * The kinds of personal data the built-in recognizers find. Used as finding types and placeholder
 * prefixes ({@code <EMAIL_1>}). Immutable (an enum), thread-safe.
 *
 * @since 0.1.0
 */
public enum PiiType {
    /** An e-mail address. */
    EMAIL,
    /** A telephone number that libphonenumber validates for one of the configured regions. */
    PHONE,
    /** A payment card number: 13-19 digits, Luhn-checked, known issuer prefix, spaces or dashes allowed. */
    CREDIT_CARD,
    /** An IBAN with a known country length and a valid mod-97 check. */
    IBAN,
    /** A US social security number in {@code AAA-GG-SSSS} form outside the never-issued ranges. */
    US_SSN,
    /** A syntactically valid IPv4 or IPv6 address. */
    IP_ADDRESS
}
