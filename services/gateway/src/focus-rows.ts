import type { ContractView, SiteView } from '@cadran/projections';
import type { InvoiceView } from './ports.js';

/**
 * FinOps FOCUS 1.2 columns of an invoice's lines, one row per line (docs/webhooks.md#focus has the
 * mapping). Columns FOCUS defines that do not apply to a colocation and GPU contract (commitment
 * discounts, availability zones, capacity reservations of a cloud) are left out.
 */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceId',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'ServiceSubcategory',
  'SkuId',
  'SubAccountId',
  'SubAccountName',
  'x_CadranLineKind',
  'x_CadranCorrectsPeriod',
  'x_CadranRecordCount',
  'x_CadranRecordDigest',
] as const;

type Line = {
  kind: string;
  description: string;
  gpuModel: string | null;
  segmentStart: string;
  segmentEnd: string;
  quantity: string;
  unit: string;
  unitPrice: string | null;
  amount: string;
  correctsPeriod: string | null;
  adjustsKind: string | null;
  sources: { recordCount: number; recordDigest: string | null };
};

const SERVICE: Record<
  string,
  { name: string; category: string; subcategory: string; resource: string }
> = {
  RESERVED_CAPACITY: {
    name: 'GPU capacity',
    category: 'Compute',
    subcategory: 'Bare Metal',
    resource: 'GPU reservation',
  },
  ON_DEMAND_USAGE: {
    name: 'GPU capacity',
    category: 'Compute',
    subcategory: 'Bare Metal',
    resource: 'GPU usage',
  },
  POWER_COMMITMENT: {
    name: 'Power',
    category: 'Other',
    subcategory: 'Other (Other)',
    resource: 'Power commitment',
  },
  ENERGY: {
    name: 'Energy',
    category: 'Other',
    subcategory: 'Other (Other)',
    resource: 'Metered energy',
  },
};

/** FOCUS ChargeCategory and ChargeFrequency of a line kind. */
const CHARGE: Record<string, { category: string; frequency: string }> = {
  RESERVED_CAPACITY: { category: 'Purchase', frequency: 'Recurring' },
  ON_DEMAND_USAGE: { category: 'Usage', frequency: 'Usage-Based' },
  POWER_COMMITMENT: { category: 'Purchase', frequency: 'Recurring' },
  ENERGY: { category: 'Usage', frequency: 'Usage-Based' },
  SLA_CREDIT: { category: 'Credit', frequency: 'One-Time' },
  ADJUSTMENT: { category: 'Adjustment', frequency: 'One-Time' },
};

const CONSUMED = new Set(['ON_DEMAND_USAGE', 'ENERGY']);

export function focusRows(
  invoice: InvoiceView,
  context: {
    contract: ContractView;
    site: SiteView | null;
    operatorName: string;
    tenantName: string;
  },
): Record<(typeof FOCUS_COLUMNS)[number], string>[] {
  const { contract, site } = context;
  return (invoice.lines as Line[]).map((line) => {
    const serviceKind =
      line.kind === 'ADJUSTMENT' || line.kind === 'SLA_CREDIT'
        ? (line.adjustsKind ?? 'RESERVED_CAPACITY')
        : line.kind;
    const service = SERVICE[serviceKind] ?? SERVICE.RESERVED_CAPACITY!;
    const charge = CHARGE[line.kind]!;
    const consumed = CONSUMED.has(line.kind);
    return {
      BilledCost: line.amount,
      BillingAccountId:
        contract.billTo === 'PARTNER' ? (contract.partnerId ?? invoice.tenantId) : invoice.tenantId,
      BillingAccountName: invoice.billTo.name,
      BillingCurrency: invoice.currency,
      BillingPeriodEnd: invoice.periodEnd,
      BillingPeriodStart: invoice.periodStart,
      ChargeCategory: charge.category,
      ChargeClass: line.kind === 'ADJUSTMENT' ? 'Correction' : '',
      ChargeDescription: line.description,
      ChargeFrequency: charge.frequency,
      ChargePeriodEnd: line.segmentEnd,
      ChargePeriodStart: line.segmentStart,
      ConsumedQuantity: consumed ? line.quantity : '',
      ConsumedUnit: consumed ? line.unit : '',
      ContractedCost: line.amount,
      ContractedUnitPrice: line.unitPrice ?? '',
      EffectiveCost: line.amount,
      InvoiceId: invoice.number ?? '',
      InvoiceIssuerName: context.operatorName,
      ListCost: line.amount,
      ListUnitPrice: line.unitPrice ?? '',
      PricingQuantity: line.quantity,
      PricingUnit: line.unit,
      ProviderName: context.operatorName,
      PublisherName: context.operatorName,
      RegionId: contract.siteId,
      RegionName: site?.name ?? '',
      ResourceId: contract.id,
      ResourceName: line.gpuModel ? `${contract.id} ${line.gpuModel}` : contract.id,
      ResourceType: service.resource,
      ServiceCategory: service.category,
      ServiceName: service.name,
      ServiceSubcategory: service.subcategory,
      SkuId: line.gpuModel ? `${serviceKind}:${line.gpuModel}` : serviceKind,
      SubAccountId: invoice.tenantId,
      SubAccountName: context.tenantName,
      x_CadranLineKind: line.kind,
      x_CadranCorrectsPeriod: line.correctsPeriod ?? '',
      x_CadranRecordCount: String(line.sources.recordCount),
      x_CadranRecordDigest: line.sources.recordDigest ?? '',
    };
  });
}
