import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ciiXml, facturxPdf, type DocumentSource } from '@cadran/einvoicing';
import type { DocumentFile } from '../events.js';

export type DocumentFormat = DocumentFile['format'];
export type MadeFile = DocumentFile & { bytes: Buffer };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The Factur-X PDF and the CII XML of a document; the same source always gives the same bytes. */
export async function makeFiles(source: DocumentSource): Promise<MadeFile[]> {
  const xml = ciiXml(source);
  const xmlBytes = Buffer.from(xml, 'utf8');
  const pdf = await facturxPdf(source, xml);
  return [
    {
      format: 'FACTURX',
      mediaType: 'application/pdf',
      fileName: `${source.number}.pdf`,
      sha256: sha256(pdf),
      size: pdf.length,
      bytes: pdf,
    },
    {
      format: 'CII',
      mediaType: 'application/xml',
      fileName: `${source.number}.xml`,
      sha256: sha256(xmlBytes),
      size: xmlBytes.length,
      bytes: xmlBytes,
    },
  ];
}

/**
 * The files' bytes, content-addressed by SHA-256 beside the invoices read model: written once,
 * never changed. A process that lacks them (another instance's read-side file) makes them again
 * from the issued event and checks them against the hash recorded in DocumentsRecorded.
 */
export function createDocumentFiles(db: Database) {
  db.exec(`CREATE TABLE IF NOT EXISTS invoicing_document_files (
    sha256 TEXT PRIMARY KEY, bytes BLOB NOT NULL
  ) WITHOUT ROWID`);
  const put = db.prepare('INSERT OR IGNORE INTO invoicing_document_files VALUES (?, ?)');
  const get = db.prepare<[string], { bytes: Buffer }>(
    'SELECT bytes FROM invoicing_document_files WHERE sha256 = ?',
  );
  return {
    put: (files: MadeFile[]) =>
      db.transaction(() => {
        for (const file of files) put.run(file.sha256, file.bytes);
      })(),
    get: (hash: string): Buffer | undefined => get.get(hash)?.bytes,
  };
}
export type DocumentFiles = ReturnType<typeof createDocumentFiles>;
