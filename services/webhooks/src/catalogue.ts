import { periodContaining } from '@cadran/billing';
import type { AlertFired, AlertResolved, DomainEvent } from '@cadran/domain';
import type { JsonObject, RecordedEvent } from '@cadran/event-store';
import { audienceOf, type Audience, type Notification } from './notification.js';

/** A contract as the catalogue needs it: who it concerns and where. */
export type ContractParties = {
  contractId: string;
  tenantId: string;
  partnerId: string | null;
  siteId: string;
  billingTimeZone: string;
};

/** What the catalogue looks up in the webhooks' own tables (kept from the log by the outbox projection). */
export interface CatalogueLookups {
  contract(contractId: string): ContractParties | undefined;
  /** Signed contracts at the site whose term contains `at`. */
  contractsAtSite(siteId: string, at: string): ContractParties[];
  incidentAudience(incidentId: string): { siteId: string; audience: Audience } | undefined;
  /** The last invoice issued for the contract, if `period` of it is already issued. */
  issuedFor(contractId: string, period: string): string | undefined;
}

/** The fields of invoicing's events that notifications carry (invoicing owns the full shape). */
type InvoiceIssuedData = {
  invoiceId: string;
  number: string;
  issuedAt: string;
  dueAt: string;
  draft: {
    contractId: string;
    tenantId: string;
    period: string;
    billTo: { kind: 'TENANT' | 'PARTNER'; partyId: string };
    subtotal: string;
    taxAmount: string;
    total: string;
    currency: string;
  };
};
type CreditNoteIssuedData = {
  creditNoteId: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  contractId: string;
  tenantId: string;
  subtotal: string;
  taxAmount: string;
  total: string;
  issuedAt: string;
};

export const CATALOGUE_EVENT_TYPES = [
  'InvoiceIssued',
  'CreditNoteIssued',
  'PaymentReceived',
  'PaymentReminderIssued',
  'GpuUsageRecorded',
  'EnergyRecorded',
  'IncidentOpened',
  'IncidentResolved',
  'AlertFired',
  'AlertResolved',
] as const;

export type CatalogueOptions = {
  /** Where an issued invoice's or credit note's documents are downloaded, when the platform serves them. */
  documentLinks?: (documentOf: 'INVOICE' | 'CREDIT_NOTE', number: string) => JsonObject;
};

/** The fields of receivables' events that notifications carry (receivables owns the full shape). */
type PartyRef = { kind: 'TENANT' | 'PARTNER'; partyId: string };
type PaymentReceivedData = {
  paymentId: string;
  amount: string;
  currency: string;
  valueDate: string;
  bankReference: string | null;
  party: PartyRef | null;
  receivedAt: string;
};
type ReminderData = {
  invoiceId: string;
  invoiceNumber: string;
  party: PartyRef;
  step: string;
  stepDate: string;
  dueDate: string;
  remaining: string;
  issuedAt: string;
};

type LateChargesData = {
  documentId: string;
  number: string;
  invoiceId: string;
  invoiceNumber: string;
  party: PartyRef;
  interest: string;
  indemnity: string;
  total: string;
  issuedAt: string;
};

const partyAudience = (party: PartyRef | null) =>
  audienceOf({
    tenantId: party?.kind === 'TENANT' ? party.partyId : null,
    partnerId: party?.kind === 'PARTNER' ? party.partyId : null,
  });

const occurredAt = (event: RecordedEvent, fallback: string) =>
  event.metadata.recordedAt ?? fallback;

/** The notifications one log event gives (none for most). Pure: the lookups are read-only. */
export function notificationsOf(
  event: RecordedEvent,
  lookups: CatalogueLookups,
  options: CatalogueOptions = {},
): Notification[] {
  const position = event.globalPosition;
  const domain = { type: event.type, data: event.data } as DomainEvent;
  switch (event.type) {
    case 'InvoiceIssued': {
      const data = event.data as unknown as InvoiceIssuedData;
      const { draft } = data;
      const partnerId = draft.billTo.kind === 'PARTNER' ? draft.billTo.partyId : null;
      return [
        {
          id: `invoice.issued:${data.invoiceId}`,
          type: 'invoice.issued',
          position,
          occurredAt: data.issuedAt,
          audience: audienceOf({ tenantId: draft.tenantId, partnerId }),
          data: {
            invoiceId: data.invoiceId,
            number: data.number,
            contractId: draft.contractId,
            tenantId: draft.tenantId,
            billTo: { kind: draft.billTo.kind, partyId: draft.billTo.partyId },
            period: draft.period,
            issuedAt: data.issuedAt,
            dueAt: data.dueAt,
            currency: draft.currency,
            subtotal: draft.subtotal,
            taxAmount: draft.taxAmount,
            total: draft.total,
            ...(options.documentLinks
              ? { documents: options.documentLinks('INVOICE', data.number) }
              : {}),
          },
        },
      ];
    }
    case 'CreditNoteIssued': {
      const data = event.data as unknown as CreditNoteIssuedData;
      const contract = lookups.contract(data.contractId);
      return [
        {
          id: `credit_note.issued:${data.creditNoteId}`,
          type: 'credit_note.issued',
          position,
          occurredAt: data.issuedAt,
          audience: audienceOf({ tenantId: data.tenantId, partnerId: contract?.partnerId }),
          data: {
            creditNoteId: data.creditNoteId,
            number: data.number,
            invoiceId: data.invoiceId,
            invoiceNumber: data.invoiceNumber,
            contractId: data.contractId,
            tenantId: data.tenantId,
            subtotal: data.subtotal,
            taxAmount: data.taxAmount,
            total: data.total,
            issuedAt: data.issuedAt,
            ...(options.documentLinks
              ? { documents: options.documentLinks('CREDIT_NOTE', data.number) }
              : {}),
          },
        },
      ];
    }
    case 'LateChargesInvoiced': {
      const data = event.data as unknown as LateChargesData;
      return [
        {
          id: `late_charges.invoiced:${data.documentId}`,
          type: 'late_charges.invoiced',
          position,
          occurredAt: data.issuedAt,
          audience: partyAudience(data.party),
          data: {
            documentId: data.documentId,
            number: data.number,
            invoiceId: data.invoiceId,
            invoiceNumber: data.invoiceNumber,
            interest: data.interest,
            indemnity: data.indemnity,
            total: data.total,
            issuedAt: data.issuedAt,
            party: data.party,
          },
        },
      ];
    }
    case 'PaymentReceived': {
      // An unmatched payment (no party yet) concerns the operator only.
      const data = event.data as unknown as PaymentReceivedData;
      return [
        {
          id: `payment.recorded:${data.paymentId}`,
          type: 'payment.recorded',
          position,
          occurredAt: data.receivedAt,
          audience: partyAudience(data.party),
          data: {
            paymentId: data.paymentId,
            amount: data.amount,
            currency: data.currency,
            valueDate: data.valueDate,
            bankReference: data.bankReference,
            party: data.party,
          },
        },
      ];
    }
    case 'PaymentReminderIssued': {
      const data = event.data as unknown as ReminderData;
      const overdue = data.step !== 'DUE_SOON';
      return [
        {
          id: `invoice.${overdue ? 'overdue' : 'due_soon'}:${data.invoiceId}:${data.step}`,
          type: overdue ? 'invoice.overdue' : 'invoice.due_soon',
          position,
          occurredAt: data.issuedAt,
          audience: partyAudience(data.party),
          data: {
            invoiceId: data.invoiceId,
            invoiceNumber: data.invoiceNumber,
            step: data.step,
            dueDate: data.dueDate,
            stepDate: data.stepDate,
            remaining: data.remaining,
            party: data.party,
          },
        },
      ];
    }
    case 'GpuUsageRecorded':
    case 'EnergyRecorded': {
      if (domain.type !== 'GpuUsageRecorded' && domain.type !== 'EnergyRecorded') return [];
      const { contractId, startedAt } = domain.data;
      if (contractId === null) return [];
      const contract = lookups.contract(contractId);
      if (!contract) return [];
      const period = periodContaining(startedAt, contract.billingTimeZone);
      const lastInvoiceId = lookups.issuedFor(contractId, period);
      if (lastInvoiceId === undefined) return [];
      // One notice per corrected period until the contract's next invoice carries the adjustment.
      return [
        {
          id: `adjustment.pending:${contractId}:${period}:${lastInvoiceId}`,
          type: 'adjustment.pending',
          position,
          occurredAt: occurredAt(event, startedAt),
          audience: audienceOf(contract),
          data: {
            contractId,
            tenantId: contract.tenantId,
            period,
            recordKind: event.type === 'GpuUsageRecorded' ? 'GPU_USAGE' : 'ENERGY',
            note: 'late data for an invoiced period: the next invoice carries an ADJUSTMENT line',
          },
        },
      ];
    }
    case 'IncidentOpened': {
      if (domain.type !== 'IncidentOpened') return [];
      const data = domain.data;
      const audience = incidentOpenedAudience(data, lookups);
      return [
        {
          id: `incident.opened:${data.incidentId}`,
          type: 'incident.opened',
          position,
          occurredAt: data.startedAt,
          audience,
          data: {
            incidentId: data.incidentId,
            siteId: data.siteId,
            scope: data.scope,
            startedAt: data.startedAt,
            description: data.description,
          },
        },
      ];
    }
    case 'IncidentResolved': {
      if (domain.type !== 'IncidentResolved') return [];
      const opened = lookups.incidentAudience(domain.data.incidentId);
      if (!opened) return [];
      return [
        {
          id: `incident.resolved:${domain.data.incidentId}`,
          type: 'incident.resolved',
          position,
          occurredAt: domain.data.resolvedAt,
          audience: opened.audience,
          data: {
            incidentId: domain.data.incidentId,
            siteId: opened.siteId,
            resolvedAt: domain.data.resolvedAt,
          },
        },
      ];
    }
    case 'AlertFired':
    case 'AlertResolved': {
      const alert = domain as AlertFired | AlertResolved;
      const fired = alert.type === 'AlertFired';
      const data = alert.data;
      return [
        {
          id: `alert.${fired ? 'fired' : 'resolved'}:${data.ruleId}:${data.period}`,
          type: fired ? 'alert.fired' : 'alert.resolved',
          position,
          occurredAt: fired
            ? (alert as AlertFired).data.firedAt
            : (alert as AlertResolved).data.resolvedAt,
          audience: audienceOf(data),
          data: {
            ruleId: data.ruleId,
            kind: data.kind,
            contractId: data.contractId,
            tenantId: data.tenantId,
            siteId: data.siteId,
            period: data.period,
            value: data.value,
            threshold: data.threshold,
          },
        },
      ];
    }
    default:
      return [];
  }
}

/** A site-wide incident concerns every contract signed at the site; a GPU-scoped one, those it names. */
export function incidentOpenedAudience(
  data: Extract<DomainEvent, { type: 'IncidentOpened' }>['data'],
  lookups: CatalogueLookups,
): Audience {
  const contracts =
    data.scope === 'SITE'
      ? lookups.contractsAtSite(data.siteId, data.startedAt)
      : data.impacts.flatMap((impact) => lookups.contract(impact.contractId) ?? []);
  return audienceOf(...contracts);
}

/** Whether an endpoint's owner is among those a notification concerns. */
export function concerns(
  owner: { kind: 'OPERATOR' | 'TENANT' | 'PARTNER'; id: string | null },
  audience: Audience,
): boolean {
  if (owner.kind === 'OPERATOR') return true;
  const ids = owner.kind === 'TENANT' ? audience.tenantIds : audience.partnerIds;
  return owner.id !== null && ids.includes(owner.id);
}
