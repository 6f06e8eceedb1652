import type {
  CapacityCommitmentView,
  ContractView,
  IncidentImpactView,
  IncidentView,
  PartnerView,
  PowerCommitmentView,
  RateCardView,
  ReservationView,
  SiteCapacityView,
  TenantView,
} from '@cadran/projections';
import type { GatewayContext } from '../context.js';
import type {
  ContractRateCardArgs,
  ContractUtilisationArgs,
  Resolvers,
} from '../generated/resolvers-types.js';
import { contractHistory } from './contract-history.js';

/** A reference the read models must hold: a dangling one is a bug, masked as an internal error. */
const required = <T>(value: T | null, what: string, id: string): T => {
  if (value === null) throw new Error(`read models hold no ${what} ${id}`);
  return value;
};

const contractOf = (contractId: string, { queries }: GatewayContext) =>
  required(queries.contract(contractId), 'contract', contractId);
const siteOf = (siteId: string, { queries }: GatewayContext) =>
  required(queries.site(siteId), 'site', siteId);
const tenantOf = (tenantId: string, { queries }: GatewayContext) =>
  required(queries.tenant(tenantId), 'tenant', tenantId);

/** The card in force at `at`: the last one effective at or before it; before the contract's start, the initial card. */
export const rateCardAt = (
  cards: readonly RateCardView[],
  at: number,
): RateCardView | undefined => {
  let current = cards[0];
  for (const card of cards) if (Date.parse(card.effectiveAt) <= at) current = card;
  return current;
};

export const typeResolvers = {
  Partner: {
    details: (partner: PartnerView, _: unknown, { queries }: GatewayContext) =>
      queries.partyDetails('PARTNER', partner.id),
    tenants: (partner: PartnerView, _: unknown, { queries, scope }: GatewayContext) =>
      queries.tenants({ partnerId: partner.id }).filter((t) => scope.tenant(t.id)),
  },
  Tenant: {
    details: (tenant: TenantView, _: unknown, { queries }: GatewayContext) =>
      queries.partyDetails('TENANT', tenant.id),
    partner: (tenant: TenantView, _: unknown, { queries, scope }: GatewayContext) =>
      tenant.partnerId !== null && scope.partner(tenant.partnerId)
        ? queries.partner(tenant.partnerId)
        : null,
    contracts: (tenant: TenantView, _: unknown, { queries, scope }: GatewayContext) =>
      queries.contracts({ tenantId: tenant.id }).filter((c) => scope.contract(c)),
  },
  Contract: {
    tenant: (contract: ContractView, _: unknown, ctx: GatewayContext) =>
      tenantOf(contract.tenantId, ctx),
    site: (contract: ContractView, _: unknown, ctx: GatewayContext) => siteOf(contract.siteId, ctx),
    rateCard: (contract: ContractView, args: ContractRateCardArgs, { now }: GatewayContext) =>
      required(
        rateCardAt(contract.rateCards, args.at ? Date.parse(args.at) : now().getTime()) ?? null,
        'rate card of contract',
        contract.id,
      ),
    reservations: (contract: ContractView, _: unknown, { queries }: GatewayContext) =>
      queries.reservations({ contractId: contract.id }),
    powerCommitments: (contract: ContractView, _: unknown, { queries }: GatewayContext) =>
      queries.powerCommitments({ contractId: contract.id }),
    utilisation: (
      contract: ContractView,
      args: ContractUtilisationArgs,
      { queries }: GatewayContext,
    ) => queries.utilisation(contract.id, args.period),
    history: contractHistory,
  },
  Reservation: {
    contract: (reservation: ReservationView, _: unknown, ctx: GatewayContext) =>
      contractOf(reservation.contractId, ctx),
    cancelled: (reservation: ReservationView) => reservation.cancelledAt !== null,
  },
  PowerCommitment: {
    contract: (commitment: PowerCommitmentView, _: unknown, ctx: GatewayContext) =>
      contractOf(commitment.contractId, ctx),
  },
  Incident: {
    site: (incident: IncidentView, _: unknown, ctx: GatewayContext) => siteOf(incident.siteId, ctx),
    // Another tenant's impacts are its data: a scoped reader sees only its own.
    impacts: (incident: IncidentView, _: unknown, ctx: GatewayContext) =>
      ctx.scope.everything
        ? incident.impacts
        : incident.impacts.filter((impact) =>
            ctx.scope.contract(contractOf(impact.contractId, ctx)),
          ),
  },
  IncidentImpact: {
    contract: (impact: IncidentImpactView, _: unknown, ctx: GatewayContext) =>
      contractOf(impact.contractId, ctx),
  },
  SiteCapacity: {
    site: (capacity: SiteCapacityView, _: unknown, ctx: GatewayContext) =>
      siteOf(capacity.siteId, ctx),
  },
  CapacityCommitment: {
    site: (c: CapacityCommitmentView, _: unknown, ctx: GatewayContext) => siteOf(c.siteId, ctx),
    partner: (c: CapacityCommitmentView, _: unknown, { queries, scope }: GatewayContext) =>
      c.partnerId !== null && scope.partner(c.partnerId) ? queries.partner(c.partnerId) : null,
    tenant: (c: CapacityCommitmentView, _: unknown, ctx: GatewayContext) =>
      tenantOf(c.tenantId, ctx),
    contract: (c: CapacityCommitmentView, _: unknown, ctx: GatewayContext) =>
      contractOf(c.contractId, ctx),
  },
} satisfies Resolvers;
