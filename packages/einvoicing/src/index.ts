export type * from './document-source.js';
export { ciiXml, EN16931_GUIDELINE } from './cii-xml.js';
export { vatCategory, normalizeLine, type VatCategory, type NormalizedLine } from './codes.js';
export { legalNotes, type LegalNote } from './legal-notes.js';
export { facturxPdf } from './facturx-pdf.js';
