import type { Authenticator } from '@cadran/auth';
import type { ReadModelQueries } from '@cadran/projections';
import express from 'express';
import { createScope, PERMISSIONS } from './authorization.js';
import type { Invoicing } from './ports.js';

const FILE = /^([A-Z]{2,3}-\d{4}-\d{6})\.(pdf|xml)$/;

/**
 * GET /v1/invoices/{number}.pdf|.xml and /v1/credit-notes/{number}.pdf|.xml: a document with
 * the invoice's own read rules. A tenant or partner gets its own; another's number, a draft and a
 * number that does not exist all answer the same 404.
 */
export function createDocumentsRouter(options: {
  authenticator: Authenticator;
  queries: ReadModelQueries;
  invoicing: Invoicing | undefined;
}): express.Router {
  const { authenticator, queries, invoicing } = options;
  const router = express.Router();
  const notFound = (res: express.Response, what: string) =>
    res.status(404).json({ error: { code: 'NOT_FOUND', message: `no document ${what}` } });

  const serve =
    (documentOf: 'invoice' | 'credit note') =>
    async (req: express.Request, res: express.Response) => {
      let principal;
      try {
        principal = await authenticator.authenticate(req.headers.authorization);
      } catch (error) {
        res.status(401).json({
          error: { code: 'UNAUTHENTICATED', message: (error as Error).message },
        });
        return;
      }
      if (!PERMISSIONS[principal.role]?.has('Query.invoice')) {
        res.status(403).json({
          error: { code: 'FORBIDDEN', message: `role ${principal.role} may not read invoices` },
        });
        return;
      }
      const file = String(req.params.file);
      const match = FILE.exec(file);
      if (!match || invoicing === undefined) return notFound(res, file);
      const [, number, extension] = match as unknown as [string, string, 'pdf' | 'xml'];
      const scope = createScope(principal, queries);
      const invoice =
        documentOf === 'invoice'
          ? await invoicing.invoice(number)
          : await (async () => {
              const note = await invoicing.creditNote(number);
              return note === null ? null : invoicing.invoice(note.invoiceId);
            })();
      if (invoice === null || !scope.invoice(invoice) || invoice.status !== 'ISSUED')
        return notFound(res, file);
      if (documentOf === 'invoice' && invoice.number !== number) return notFound(res, file);
      const document = await invoicing.document(number, extension === 'pdf' ? 'FACTURX' : 'CII');
      if (document === null) return notFound(res, file);
      res
        .status(200)
        .type(document.mediaType)
        .set('content-disposition', `attachment; filename="${document.fileName}"`)
        .set('x-content-sha256', document.sha256)
        .set('cache-control', 'private, max-age=0')
        .send(Buffer.from(document.bytes));
    };

  router.get('/v1/invoices/:file', (req, res, next) => {
    serve('invoice')(req, res).catch(next);
  });
  router.get('/v1/credit-notes/:file', (req, res, next) => {
    serve('credit note')(req, res).catch(next);
  });
  return router;
}
