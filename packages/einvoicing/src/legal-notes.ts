import type { DocumentSource } from './document-source.js';
import { businessProcessNote } from './codes.js';

/** A note of the document (BG-1) with its UNTDID 4451 subject code. */
export type LegalNote = { subjectCode: string; content: string; label: string };

/**
 * The notes the French rules require (BR-FR-05: PMT, PMD, AAB; BR-FR-20: BAR), in the order
 * printed, plus the credit note's reason.
 */
export function legalNotes(source: DocumentSource): LegalNote[] {
  const { seller } = source;
  const notes: LegalNote[] = [
    {
      subjectCode: 'PMD',
      label: 'Pénalités de retard / Late-payment penalties',
      content: `Pénalités de retard : ${seller.latePaymentPenaltyRatePercent} % l'an, exigibles dès le lendemain de l'échéance (late-payment penalty rate ${seller.latePaymentPenaltyRatePercent} % a year from the day after the due date)`,
    },
    {
      subjectCode: 'PMT',
      label: 'Indemnité de recouvrement / Recovery indemnity',
      content: `Indemnité forfaitaire pour frais de recouvrement : ${seller.recoveryIndemnity} € (art. L441-10 et D441-5 du Code de commerce; fixed recovery indemnity)`,
    },
    {
      subjectCode: 'AAB',
      label: 'Escompte / Early payment',
      content: "Pas d'escompte pour paiement anticipé (no discount for early payment)",
    },
  ];
  if (source.reason !== null)
    notes.push({
      subjectCode: 'AAI',
      label: 'Motif / Reason',
      content: `Motif de l'avoir (reason) : ${source.reason}`,
    });
  notes.push({
    subjectCode: 'BAR',
    label: 'Cadre / Process',
    content: businessProcessNote(source),
  });
  return notes;
}
