import { randomUUID } from 'node:crypto';
import {
  handleCommand,
  incidentDecider,
  parseOpenIncident,
  parseResolveIncident,
  readCreation,
  streams,
  type CommandMeta,
  type IdGenerator,
  type IncidentState,
} from '@cadran/domain';
import type { EventStore } from '@cadran/event-store';

export type SlaServiceOptions = { store: EventStore; newId?: IdGenerator };

/** The incident after the command, and the log position to wait for to read it back. */
export type IncidentResult = {
  value: NonNullable<IncidentState['opened']> & { resolvedAt: string | null };
  position: bigint;
  written: number;
};

export function createSlaService({ store, newId = randomUUID }: SlaServiceOptions) {
  const view = (state: IncidentState) => ({ ...state.opened!, resolvedAt: state.resolvedAt });

  return {
    /** Checks the site and, for a GPU-scoped incident, that each contract named exists at that site. */
    async openIncident(input: unknown, meta?: CommandMeta): Promise<IncidentResult> {
      const data = parseOpenIncident(input, newId);
      const r = await handleCommand(
        store,
        streams.incident(data.incidentId),
        incidentDecider,
        async () => {
          const site = await readCreation(store, streams.site(data.siteId));
          const contractSites: Record<string, string> = {};
          for (const contractId of new Set(data.impacts.map((i) => i.contractId))) {
            const drafted = await readCreation(store, streams.contract(contractId));
            if (drafted?.type === 'ContractDrafted')
              contractSites[contractId] = drafted.data.siteId;
          }
          return {
            type: 'OpenIncident' as const,
            data,
            context: { site: site?.type === 'SiteRegistered' ? site.data : null, contractSites },
          };
        },
        meta,
      );
      return { value: view(r.state), position: r.position, written: r.written };
    },

    async resolveIncident(input: unknown, meta?: CommandMeta): Promise<IncidentResult> {
      const data = parseResolveIncident(input);
      const r = await handleCommand(
        store,
        streams.incident(data.incidentId),
        incidentDecider,
        () => ({ type: 'ResolveIncident' as const, data }),
        meta,
      );
      return { value: view(r.state), position: r.position, written: r.written };
    },
  };
}

export type SlaService = ReturnType<typeof createSlaService>;
