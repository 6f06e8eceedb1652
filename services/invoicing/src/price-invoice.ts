import {
  adjustmentLines,
  invoiceTotals,
  priceContractPeriod,
  taxFor,
  type Period,
  type PeriodCorrection,
} from '@cadran/billing';
import type { ContractView, ReadModelQueries } from '@cadran/projections';
import { billedParty, contractWindow, pricingInput } from './billing-inputs.js';
import type { InvoiceDraftData } from './events.js';
import { billedEarlierPeriods, issuedBasis, type IssuedState } from './issued-invoices.js';
import type { DigestCache } from './record-provenance.js';

export type PricedInvoice = Omit<InvoiceDraftData, 'batchId' | 'invoiceId' | 'pricedAt'>;

export type PricingDeps = {
  queries: ReadModelQueries;
  digests: DigestCache;
};

/**
 * A contract's period priced with all that is known now, plus ADJUSTMENT lines for every earlier
 * issued period of the contract whose worth changed since it was billed (late data).
 */
export function priceInvoice(
  deps: PricingDeps,
  contract: ContractView,
  period: Period,
  issued: IssuedState,
): PricedInvoice {
  const billTo = billedParty(deps.queries, contract);
  const price = (p: Period) => priceContractPeriod(pricingInput(deps, contract, billTo, p));
  const priced = price(period);
  const corrections: PeriodCorrection[] = [...billedEarlierPeriods(issued, contract.id, period)]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([earlier, billed]) => ({ period: earlier, billed, repriced: price(earlier) }));
  const lines = [...priced.lines, ...adjustmentLines(corrections)];
  const tax = taxFor(billTo);
  const totals = invoiceTotals(lines, tax);
  const window = contractWindow(contract, period);
  return {
    contractId: contract.id,
    tenantId: contract.tenantId,
    period,
    periodStart: window.start,
    periodEnd: window.end,
    billingTimeZone: window.timeZone,
    paymentTermsDays: contract.paymentTermsDays,
    currency: 'EUR',
    billTo,
    lines,
    ...totals,
    taxNote: tax.mention,
    basis: issuedBasis(issued, contract.id),
  };
}
