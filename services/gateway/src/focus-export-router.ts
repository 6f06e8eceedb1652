import { requireRoles, principalOf, type Authenticator } from '@cadran/auth';
import type { ReadModelQueries } from '@cadran/projections';
import { stringify } from 'csv-stringify/sync';
import express, { type Router } from 'express';
import { isDomainError } from '@cadran/domain';
import { createScope } from './authorization.js';
import { FOCUS_COLUMNS, focusRows } from './focus-rows.js';
import type { Invoicing } from './ports.js';

export const FOCUS_EXPORT_PATH = '/v1/usage/focus.csv';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A cell a spreadsheet would run as a formula starts with ' (OWASP); plain numbers stay numbers. */
const safeCell = (value: string) =>
  /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;

const refuse = (res: express.Response, status: number, code: string, message: string) =>
  res.status(status).json({ error: { code, message } });

/** A query parameter that is missing or malformed: 400, saying what is accepted. */
const badQuery = (res: express.Response, message: string) =>
  refuse(res, 400, 'BAD_USER_INPUT', message);

/**
 * GET /v1/usage/focus.csv?contractId=…&period=YYYY-MM: a period's charges as FinOps FOCUS 1.2
 * rows, from the issued invoice when there is one, else priced now as the preview prices it.
 * A tenant or partner gets its own contracts only; another's answers as a missing one (404).
 */
export function createFocusExportRouter(options: {
  authenticator: Authenticator;
  queries: ReadModelQueries;
  invoicing: Invoicing;
  operatorName: string;
}): Router {
  const { queries, invoicing } = options;
  const router = express.Router();
  router.get(
    FOCUS_EXPORT_PATH,
    requireRoles(options.authenticator, [
      'ADMIN',
      'ACCOUNT_MANAGER',
      'FINANCE',
      'TENANT',
      'PARTNER',
    ]),
    async (req, res, next) => {
      try {
        const { contractId, period } = req.query;
        if (typeof contractId !== 'string' || !ID.test(contractId))
          return badQuery(
            res,
            'contractId: expected a contract id (1 to 64 letters, digits, - or _)',
          );
        if (typeof period !== 'string' || !PERIOD.test(period))
          return badQuery(res, 'period: expected a billing month YYYY-MM, like 2026-03');
        const scope = createScope(principalOf(res), queries);
        const contract = queries.contract(contractId);
        if (contract === null || !scope.contract(contract))
          return refuse(res, 404, 'NOT_FOUND', `no contract ${contractId}`);
        const issued = (
          await invoicing.invoices({ tenantId: contract.tenantId, period, status: 'ISSUED' })
        ).find((invoice) => invoice.contractId === contract.id);
        const invoice = issued ?? (await invoicing.invoicePreview(contract.id, period));
        const rows = focusRows(invoice, {
          contract,
          site: queries.site(contract.siteId),
          operatorName: options.operatorName,
          tenantName: queries.tenant(contract.tenantId)?.name ?? contract.tenantId,
        });
        res
          .status(200)
          .type('text/csv; charset=utf-8')
          .set('content-disposition', `attachment; filename="focus-${contract.id}-${period}.csv"`)
          .send(
            stringify(
              rows.map((row) => FOCUS_COLUMNS.map((column) => safeCell(row[column]))),
              { header: true, columns: [...FOCUS_COLUMNS] },
            ),
          );
      } catch (error) {
        if (!isDomainError(error)) return next(error);
        const status = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403 }[
          error.code
        ];
        refuse(res, status, error.code, error.message);
      }
    },
  );
  return router;
}
