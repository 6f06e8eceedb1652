import { z } from 'zod';
import type { Decider } from '../decider.js';
import { badInput, conflict, notFound } from '../errors.js';
import type { IncidentEvent, IncidentOpened, IncidentResolved, SiteRegistered } from '../events.js';
import { gpuModel, id, instant, integer, oneOf, optionalId, text } from '../fields.js';
import type { IdGenerator } from '../id-generator.js';
import { repeatOrConflict } from '../idempotency.js';
import { toMs } from '../instant.js';
import { parseInput } from '../parse-input.js';
import { MAX_GPU_COUNT } from '../site/site-commands.js';

export type OpenIncident = {
  type: 'OpenIncident';
  data: IncidentOpened['data'];
  /**
   * Provided by the handler: the site (null when unknown) and, for each contract named in an
   * impact, the site it is at (absent when the contract does not exist).
   */
  context: { site: SiteRegistered['data'] | null; contractSites: Record<string, string> };
};
export type ResolveIncident = { type: 'ResolveIncident'; data: IncidentResolved['data'] };
export type IncidentCommand = OpenIncident | ResolveIncident;

export type IncidentState = { opened: IncidentOpened['data'] | null; resolvedAt: string | null };

const openSchema = z.object({
  id: optionalId(),
  siteId: id(),
  scope: oneOf(['SITE', 'GPUS'] as const),
  startedAt: instant(),
  description: text(2000),
  impacts: z
    .array(
      z.object({ contractId: id(), gpuModel: gpuModel(), gpuCount: integer(1, MAX_GPU_COUNT) }),
    )
    .optional()
    .nullable(),
});

export function parseOpenIncident(input: unknown, newId: IdGenerator): IncidentOpened['data'] {
  const { id: incidentId, impacts, ...rest } = parseInput(openSchema, input);
  const list = impacts ?? [];
  if (rest.scope === 'SITE' && list.length > 0) {
    throw badInput(
      'impacts',
      'no impacts for a SITE incident (it affects every GPU reserved at the site)',
      list,
    );
  }
  if (rest.scope === 'GPUS' && list.length === 0) {
    throw badInput(
      'impacts',
      'at least one impact { contractId, gpuModel, gpuCount } for a GPUS incident',
      impacts,
    );
  }
  return { incidentId: incidentId ?? newId(), ...rest, impacts: list };
}

export function parseResolveIncident(input: unknown): IncidentResolved['data'] {
  const parsed = parseInput(z.object({ id: id(), resolvedAt: instant() }), input);
  return { incidentId: parsed.id, resolvedAt: parsed.resolvedAt };
}

function open({ data, context }: OpenIncident, state: IncidentState): IncidentEvent[] {
  if (state.opened) return repeatOrConflict('incident', data.incidentId, state.opened, data);
  const site = context.site;
  if (!site) throw notFound(`siteId: no site ${data.siteId}`, 'siteId');
  data.impacts.forEach((impact, index) => {
    const contractSite = context.contractSites[impact.contractId];
    if (contractSite === undefined) {
      throw notFound(
        `impacts[${index}].contractId: no contract ${impact.contractId}`,
        `impacts[${index}].contractId`,
      );
    }
    if (contractSite !== site.siteId) {
      throw badInput(
        `impacts[${index}].contractId`,
        `a contract at site ${site.siteId}`,
        `${impact.contractId} (at site ${contractSite})`,
      );
    }
    const installed = site.gpuInventory.find((g) => g.gpuModel === impact.gpuModel)?.count;
    if (installed === undefined) {
      const models = site.gpuInventory.map((g) => g.gpuModel).join(', ') || 'none';
      throw badInput(
        `impacts[${index}].gpuModel`,
        `a GPU model installed at site ${site.siteId} (${models})`,
        impact.gpuModel,
      );
    }
    if (impact.gpuCount > installed) {
      throw badInput(
        `impacts[${index}].gpuCount`,
        `at most the ${installed} ${impact.gpuModel} installed at site ${site.siteId}`,
        impact.gpuCount,
      );
    }
  });
  return [{ type: 'IncidentOpened', data }];
}

function resolve({ data }: ResolveIncident, state: IncidentState): IncidentEvent[] {
  if (!state.opened) throw notFound(`id: no incident ${data.incidentId}`, 'id');
  if (state.resolvedAt !== null) {
    if (toMs(state.resolvedAt) === toMs(data.resolvedAt)) return [];
    throw conflict(
      `incident ${data.incidentId} is already resolved at ${state.resolvedAt}`,
      'resolvedAt',
    );
  }
  if (toMs(data.resolvedAt) <= toMs(state.opened.startedAt)) {
    throw badInput(
      'resolvedAt',
      `an instant after the incident started, ${state.opened.startedAt}`,
      data.resolvedAt,
    );
  }
  return [{ type: 'IncidentResolved', data }];
}

/** Stream incident-{incidentId}. */
export const incidentDecider: Decider<IncidentCommand, IncidentState, IncidentEvent> = {
  decide: (command, state) =>
    command.type === 'OpenIncident' ? open(command, state) : resolve(command, state),
  evolve: (state, event) => {
    switch (event.type) {
      case 'IncidentOpened':
        return { ...state, opened: event.data };
      case 'IncidentResolved':
        return { ...state, resolvedAt: event.data.resolvedAt };
      default:
        return state;
    }
  },
  initialState: () => ({ opened: null, resolvedAt: null }),
};
