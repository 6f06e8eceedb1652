import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import {
  frenchDate,
  lastDay,
  localDate,
  documentLines,
  vatCategory,
  type NormalizedLine,
} from './codes.js';
import type { DocumentSource, PostalAddress } from './document-source.js';
import { facturxXmp } from './facturx-xmp.js';
import { frenchMoney, frenchNumber, frenchPrice } from './french-format.js';
import { legalNotes } from './legal-notes.js';

const fontDir = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
// Parsed once per process (the costly part of a document): each document embeds its own subset.
const face = (file: string) =>
  fontkit.create(readFileSync(join(fontDir, file))) as unknown as PDFKit.Mixins.PDFFontSource;
const FONTS = { regular: face('DejaVuSans.ttf'), bold: face('DejaVuSans-Bold.ttf') };

const PAGE = { width: 595.28, height: 841.89, margin: 42 };
const CONTENT = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - 60;
const INK = '#1f2933';
const MUTED = '#616e7c';
const RULE = '#cbd2d9';
const BAND = '#eef2f6';

/** Table columns: x offset from the margin, width, alignment. */
const COLUMNS = [
  { key: 'n', label: '#', en: '', x: 0, w: 18, align: 'left' },
  { key: 'desc', label: 'Désignation', en: 'Description', x: 20, w: 216, align: 'left' },
  { key: 'qty', label: 'Quantité', en: 'Quantity', x: 238, w: 72, align: 'right' },
  { key: 'unit', label: 'Unité', en: 'Unit', x: 314, w: 44, align: 'left' },
  { key: 'price', label: 'PU HT', en: 'Unit price', x: 360, w: 66, align: 'right' },
  { key: 'amount', label: 'Montant HT', en: 'Amount', x: 428, w: 83, align: 'right' },
] as const;

const addressLines = (a: PostalAddress) =>
  [a.line1, a.line2, `${a.postcode} ${a.city}`, a.countryCode].filter(
    (part): part is string => part !== null && part !== '',
  );

const TITLES = {
  INVOICE: { fr: 'FACTURE', en: 'INVOICE' },
  CREDIT_NOTE: { fr: 'AVOIR', en: 'CREDIT NOTE' },
};

type Doc = InstanceType<typeof PDFDocument>;

/** The font, its size and its colour for the text that follows. */
const style = (doc: Doc, font: keyof typeof FONTS, size: number, color: string) =>
  doc.font(font).fontSize(size).fillColor(color);

/** A thin rule across the content's width at `y`. */
const ruleAcross = (doc: Doc, y: number) =>
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.margin + CONTENT, y)
    .lineWidth(0.4)
    .strokeColor(RULE)
    .stroke();

/**
 * The Factur-X PDF/A-3b of an issued invoice or credit note: the document a person reads (French
 * with English labels, every mandatory mention), with the CII XML embedded as `factur-x.xml`
 * (AFRelationship Alternative) and the Factur-X XMP metadata (conformance level EN 16931).
 * Dates and ids inside the PDF come from the source: the same source gives the same bytes.
 */
export function facturxPdf(source: DocumentSource, xml: string): Promise<Buffer> {
  const issuedAt = new Date(source.issuedAt);
  const title = `${TITLES[source.type].fr} ${source.number}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    autoFirstPage: true,
    bufferPages: true,
    info: {
      Title: title,
      Subject: `${TITLES[source.type].en} ${source.number}`,
      Creator: 'Cadran',
      Producer: 'Cadran (pdfkit)',
      CreationDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);

  render(doc, source);

  doc.file(Buffer.from(xml, 'utf8'), {
    name: 'factur-x.xml',
    type: 'text/xml',
    relationship: 'Alternative',
    description: 'Factur-X invoice (CII, EN 16931)',
    creationDate: issuedAt,
    modifiedDate: issuedAt,
    // pdfkit writes it as the file specification's AFRelationship; @types/pdfkit lacks the option.
  } as PDFKit.Mixins.PDFAttachmentOptions);
  doc.appendXML(facturxXmp('EN 16931'));
  doc.end();
  return done;
}

function render(doc: Doc, source: DocumentSource) {
  const vat = vatCategory(source);
  const lines = documentLines(source);
  const left = PAGE.margin;
  doc.fillColor(INK);

  // Header: seller, then the document's title and number.
  doc.font('bold').fontSize(15).text(source.seller.name, left, PAGE.margin, { width: 300 });
  style(doc, 'regular', 8.5, MUTED);
  for (const line of addressLines(source.seller.address)) doc.text(line, { width: 300 });
  doc.text(`SIREN ${source.seller.siren} · TVA / VAT ${source.seller.vatId}`, { width: 300 });
  doc.text(
    `Adresse électronique / e-invoicing address: ${source.seller.electronicAddress.scheme}:${source.seller.electronicAddress.value}`,
    { width: 300 },
  );
  const sellerBottom = doc.y;

  const t = TITLES[source.type];
  doc.fillColor(INK).font('bold').fontSize(18);
  doc.text(t.fr, left + 300, PAGE.margin, { width: CONTENT - 300, align: 'right' });
  style(doc, 'regular', 9, MUTED);
  doc.text(t.en, { width: CONTENT - 300, align: 'right' });
  style(doc, 'bold', 12, INK);
  doc.text(source.number, { width: CONTENT - 300, align: 'right' });

  // Bill-to box and the dates.
  let y = Math.max(sellerBottom, doc.y) + 18;
  const boxTop = y;
  style(doc, 'regular', 7.5, MUTED).text('FACTURÉ À / BILL TO', left + 8, y + 6);
  style(doc, 'bold', 10, INK).text(source.buyer.name, left + 8, doc.y + 2, { width: 234 });
  doc.font('regular').fontSize(8.5);
  for (const line of addressLines(source.buyer.address)) doc.text(line, { width: 234 });
  const ids = [
    source.buyer.siren ? `SIREN ${source.buyer.siren}` : null,
    source.buyer.vatId && vat.code !== 'O' ? `TVA / VAT ${source.buyer.vatId}` : null,
  ].filter((part) => part !== null);
  if (ids.length > 0) doc.text(ids.join(' · '), { width: 234 });
  doc
    .fillColor(MUTED)
    .text(
      `Adresse électronique / e-invoicing address: ${source.buyer.electronicAddress.scheme}:${source.buyer.electronicAddress.value}`,
      { width: 234 },
    );
  const buyerBottom = doc.y + 6;

  const facts: [string, string][] = [
    ["Date d'émission / Issue date", frenchDate(localDate(source.issuedAt, source.timeZone))],
    [
      'Période / Service period',
      `${frenchDate(localDate(source.periodStart, source.billingTimeZone))} – ${frenchDate(lastDay(source.periodEnd, source.billingTimeZone))}`,
    ],
  ];
  if (source.dueAt !== null)
    facts.push([
      "Date d'échéance / Due date",
      frenchDate(localDate(source.dueAt, source.timeZone)),
    ]);
  facts.push(['Contrat / Contract', source.contractId]);
  if (source.correctedInvoice) {
    facts.push([
      "Facture d'origine / Original invoice",
      `${source.correctedInvoice.number} du ${frenchDate(localDate(source.correctedInvoice.issuedAt, source.timeZone))}`,
    ]);
  }
  let fy = boxTop + 6;
  for (const [label, value] of facts) {
    style(doc, 'regular', 7.5, MUTED).text(label, left + 262, fy + 1, { width: 122 });
    style(doc, 'bold', 8.5, INK).text(value, left + 386, fy, {
      width: CONTENT - 386,
      align: 'right',
    });
    fy = Math.max(doc.y, fy + 11) + 3;
  }
  y = Math.max(buyerBottom, fy + 3);
  doc
    .lineWidth(0.6)
    .strokeColor(RULE)
    .roundedRect(left, boxTop, 250, y - boxTop, 3)
    .stroke();
  y += 16;

  if (source.reason !== null) {
    style(doc, 'bold', 8.5, INK).text('Motif / Reason: ', left, y, { continued: true });
    doc.font('regular').text(source.reason, { width: CONTENT });
    y = doc.y + 10;
  }

  y = linesTable(doc, lines, y);
  y = totals(doc, source, vat, y + 8);
  legal(doc, source, vat, y + 14);
  footers(doc, source);
}

function tableHeader(doc: Doc, y: number): number {
  doc.rect(PAGE.margin, y, CONTENT, 24).fill(BAND);
  for (const c of COLUMNS) {
    style(doc, 'bold', 7.5, INK);
    doc.text(c.label, PAGE.margin + c.x + 2, y + 4, { width: c.w - 4, align: c.align });
    style(doc, 'regular', 6.5, MUTED);
    doc.text(c.en, PAGE.margin + c.x + 2, y + 14, { width: c.w - 4, align: c.align });
  }
  return y + 28;
}

function linesTable(doc: Doc, lines: NormalizedLine[], top: number): number {
  let y = tableHeader(doc, top);
  lines.forEach((line, i) => {
    const cells: Record<(typeof COLUMNS)[number]['key'], string> = {
      n: String(i + 1),
      desc: line.source.description,
      qty: frenchNumber(line.quantity),
      unit: line.unitLabel,
      price: frenchPrice(line.netPrice),
      amount: frenchNumber(line.amount, 2),
    };
    doc.font('regular').fontSize(8);
    const height = Math.max(
      ...COLUMNS.map((c) => doc.heightOfString(cells[c.key], { width: c.w - 4 })),
    );
    if (y + height > BOTTOM - 40) {
      doc.addPage();
      y = tableHeader(doc, PAGE.margin);
    }
    for (const c of COLUMNS) {
      style(doc, c.key === 'amount' ? 'bold' : 'regular', 8, INK);
      doc.text(cells[c.key], PAGE.margin + c.x + 2, y, { width: c.w - 4, align: c.align });
    }
    y += height + 5;
    ruleAcross(doc, y - 2.5);
  });
  return y;
}

function totals(
  doc: Doc,
  source: DocumentSource,
  vat: ReturnType<typeof vatCategory>,
  top: number,
): number {
  if (top > BOTTOM - 150) {
    doc.addPage();
    top = PAGE.margin;
  }
  const left = PAGE.margin;
  // VAT breakdown (left) and totals (right).
  style(doc, 'bold', 8, INK).text('Récapitulatif TVA / VAT breakdown', left, top);
  const heads = ['Catég. / Category', 'Taux / Rate', 'Base HT / Net', 'TVA / VAT'];
  const xs = [0, 70, 118, 184];
  const ws = [68, 48, 66, 60];
  let y = top + 13;
  doc.rect(left, y - 2, 244, 13).fill(BAND);
  heads.forEach((h, i) => {
    style(doc, 'regular', 6.5, MUTED).text(h, left + xs[i]! + 2, y + 1, {
      width: ws[i]! - 4,
      align: i === 0 ? 'left' : 'right',
    });
  });
  y += 14;
  const row = [
    vat.code,
    vat.code === 'O' ? '—' : `${frenchNumber(vat.ratePercent, 2)} %`,
    frenchNumber(source.subtotal, 2),
    frenchNumber(source.taxAmount, 2),
  ];
  row.forEach((cell, i) => {
    style(doc, 'regular', 8, INK).text(cell, left + xs[i]! + 2, y, {
      width: ws[i]! - 4,
      align: i === 0 ? 'left' : 'right',
    });
  });
  y += 12;
  if (vat.exemptionReason !== null) {
    style(doc, 'regular', 7.5, INK).text(
      `${vat.exemptionReason} (${vat.exemptionReasonCode})`,
      left,
      y + 2,
      { width: 244 },
    );
    y = doc.y;
  }

  const rx = left + 260;
  const rw = CONTENT - 260;
  const valueWidth = 96;
  const rows: [string, string, boolean][] = [
    ['Total HT / Net total', frenchMoney(source.subtotal), false],
    [
      vat.code === 'O'
        ? 'TVA / VAT (non applicable)'
        : `TVA / VAT ${frenchNumber(vat.ratePercent, 2)} %`,
      frenchMoney(source.taxAmount),
      false,
    ],
    ['Total TTC / Total incl. VAT', frenchMoney(source.total), true],
  ];
  let ry = top;
  for (const [label, value, strong] of rows) {
    if (strong) doc.rect(rx, ry - 3, rw, 18).fill(BAND);
    style(doc, strong ? 'bold' : 'regular', strong ? 9 : 8.5, INK);
    doc.text(label, rx + 6, ry, { width: rw - valueWidth - 8 });
    doc.text(value, rx + rw - valueWidth - 6, ry, { width: valueWidth, align: 'right' });
    ry += 18;
  }
  const dueLabel =
    source.type === 'INVOICE' ? 'Net à payer / Amount due' : 'Montant crédité / Amount credited';
  style(doc, 'bold', 9.5, INK).text(dueLabel, rx + 6, ry + 2, { width: rw - valueWidth - 8 });
  doc.text(frenchMoney(source.total), rx + rw - valueWidth - 6, ry + 2, {
    width: valueWidth,
    align: 'right',
  });
  ry += 20;
  return Math.max(y, ry);
}

function legal(doc: Doc, source: DocumentSource, vat: ReturnType<typeof vatCategory>, top: number) {
  const left = PAGE.margin;
  if (top > BOTTOM - 160) {
    doc.addPage();
    top = PAGE.margin;
  }
  style(doc, 'bold', 8, INK).text('Règlement / Payment', left, top);
  doc.font('regular').fontSize(7.5);
  if (source.type === 'INVOICE' && source.dueAt !== null) {
    doc.text(
      `Virement SEPA au plus tard le ${frenchDate(localDate(source.dueAt, source.timeZone))}, référence ${source.number} (SEPA credit transfer by the due date, quoting the invoice number).`,
      { width: CONTENT },
    );
  } else if (source.correctedInvoice) {
    doc.text(
      `Avoir imputé sur la facture ${source.correctedInvoice.number} (credited against that invoice).`,
      { width: CONTENT },
    );
  }
  doc.text(`IBAN ${source.seller.iban}${source.seller.bic ? ` · BIC ${source.seller.bic}` : ''}`, {
    width: CONTENT,
  });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(8).text('Mentions légales / Legal notes', { width: CONTENT });
  doc.font('regular').fontSize(7.5);
  for (const note of legalNotes(source)) {
    if (note.subjectCode === 'BAR' || note.subjectCode === 'AAI') continue;
    doc.text(`• ${note.content}`, { width: CONTENT });
  }
  if (vat.code === 'S' && source.seller.vatOnDebits)
    doc.text("• Option pour le paiement de la taxe d'après les débits (VAT paid on debits).", {
      width: CONTENT,
    });
  if (source.taxMention) doc.text(`• ${source.taxMention}`, { width: CONTENT });
}

function footers(doc: Doc, source: DocumentSource) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = PAGE.height - 40;
    ruleAcross(doc, y - 4);
    style(doc, 'regular', 6.5, MUTED);
    doc.text(
      `${source.seller.name} · SIREN ${source.seller.siren} · ${source.number} · Factur-X EN 16931 : la facture électronique factur-x.xml est jointe à ce PDF (the e-invoice is embedded in this PDF)`,
      PAGE.margin,
      y,
      { width: CONTENT - 50, lineBreak: false, height: 10 },
    );
    doc.text(`${i - range.start + 1} / ${range.count}`, PAGE.margin + CONTENT - 50, y, {
      width: 50,
      align: 'right',
      lineBreak: false,
      height: 10,
    });
  }
}
