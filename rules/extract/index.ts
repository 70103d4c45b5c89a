// Public face of free-text extraction (docs/interfaces.md): findings from a clinician's message, and the
// patient identifiers in it, which callers must redact before anything is stored or logged.
export { EXTRACTION_LIMIT, type Extraction, extractFindings } from "./extract.js";
export {
  findIdentifiers,
  type IdentifierKind,
  type IdentifierSpan,
  redactIdentifiers,
} from "./identifiers.js";
export { isValidNhsNumber } from "./nhs-number.js";
export { usableAtOnce } from "./use-at-once.js";
