/** A text without control characters (Unicode category Cc): how the validators check names. */
export const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

/**
 * The same rule as an OpenAPI `pattern`. A pattern is read without the `u` flag, where
 * `\p{Cc}` means something else, so the Cc ranges are spelled out (the swagger plugin would
 * copy the regex above without its flag).
 */
export const NO_CONTROL_CHARACTERS_PATTERN = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
