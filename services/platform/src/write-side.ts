import type { ContractsService } from '@cadran/contracts';
import type { CommandMeta, WriteSide, Written } from '@cadran/gateway';
import type { MeteringService } from '@cadran/metering';
import type { SlaService } from '@cadran/sla';

type Result = { value: object; position: bigint };

/** The command services answer with the entity; the gateway needs its id and the position written. */
const written =
  (idField: string) =>
  ({ value, position }: Result): Written => {
    const id = (value as Record<string, unknown>)[idField] ?? (value as Record<string, unknown>).id;
    if (typeof id !== 'string') throw new Error(`command result has no ${idField}`);
    return { id, position };
  };

export type CommandServices = {
  contracts: ContractsService;
  sla: SlaService;
  metering: MeteringService;
};

export const createWriteSide = ({ contracts, sla, metering }: CommandServices): WriteSide => {
  const site = written('siteId');
  const contract = written('contractId');
  const reservation = written('reservationId');
  const incident = written('incidentId');
  const meta = (m: CommandMeta) => m;
  return {
    registerSite: async (input, m) => site(await contracts.registerSite(input, meta(m))),
    registerPartner: async (input, m) =>
      written('partnerId')(await contracts.registerPartner(input, meta(m))),
    onboardTenant: async (input, m) =>
      written('tenantId')(await contracts.onboardTenant(input, meta(m))),
    updatePartyDetails: async (input, m) => {
      const r = await contracts.updatePartyDetails(input, meta(m));
      return { id: r.value.partyId, position: r.position };
    },
    draftContract: async (input, m) => contract(await contracts.draftContract(input, meta(m))),
    signContract: async (input, m) => contract(await contracts.signContract(input, meta(m))),
    amendContract: async (input, m) => contract(await contracts.amendContract(input, meta(m))),
    terminateContract: async (input, m) =>
      contract(await contracts.terminateContract(input, meta(m))),
    reserveCapacity: async (input, m) =>
      reservation(await contracts.reserveCapacity(input, meta(m))),
    cancelReservation: async (input, m) =>
      reservation(await contracts.cancelReservation(input, meta(m))),
    commitPower: async (input, m) =>
      written('commitmentId')(await contracts.commitPower(input, meta(m))),
    recordGpuUsage: (records) => metering.recordGpuUsage(records),
    recordEnergy: (records) => metering.recordEnergy(records),
    openIncident: async (input, m) => incident(await sla.openIncident(input, meta(m))),
    resolveIncident: async (input, m) => incident(await sla.resolveIncident(input, meta(m))),
  };
};
