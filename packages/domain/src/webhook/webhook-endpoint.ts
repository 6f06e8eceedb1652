import { z } from 'zod';
import type { Decider } from '../decider.js';
import { badInput, conflict, notFound } from '../errors.js';
import type {
  WebhookEndpointEvent,
  WebhookEndpointRegistered,
  WebhookOwnerKind,
} from '../events.js';
import { oneOf, optionalId, optionalText, text } from '../fields.js';
import type { IdGenerator } from '../id-generator.js';
import { repeatOrConflict } from '../idempotency.js';
import { parseInput } from '../parse-input.js';

export type RegisterWebhookEndpoint = {
  type: 'RegisterWebhookEndpoint';
  data: WebhookEndpointRegistered['data'];
  /** Provided by the handler: whether the owning tenant or partner exists (always true for OPERATOR). */
  context: { ownerExists: boolean };
};
export type PauseWebhookEndpoint = {
  type: 'PauseWebhookEndpoint';
  data: { endpointId: string; reason: string; pausedAt: string };
};
export type ResumeWebhookEndpoint = {
  type: 'ResumeWebhookEndpoint';
  data: { endpointId: string; resumedAt: string };
};
export type ReplayWebhookEndpoint = {
  type: 'ReplayWebhookEndpoint';
  data: { endpointId: string; fromPosition: string; requestedAt: string };
};
export type RemoveWebhookEndpoint = {
  type: 'RemoveWebhookEndpoint';
  data: { endpointId: string; removedAt: string };
};
export type WebhookEndpointCommand =
  | RegisterWebhookEndpoint
  | PauseWebhookEndpoint
  | ResumeWebhookEndpoint
  | ReplayWebhookEndpoint
  | RemoveWebhookEndpoint;

type Registered = WebhookEndpointRegistered['data'];
export type WebhookEndpointState =
  | { status: 'none' }
  | { status: 'active'; endpoint: Registered }
  | { status: 'paused'; endpoint: Registered; reason: string }
  | { status: 'removed'; endpoint: Registered };

/** The notification types a party can subscribe to (docs/webhooks.md has one example of each). */
export const WEBHOOK_NOTIFICATION_TYPES = [
  'invoice.issued',
  'credit_note.issued',
  'adjustment.pending',
  'payment.recorded',
  'invoice.due_soon',
  'invoice.overdue',
  'late_charges.invoiced',
  'incident.opened',
  'incident.resolved',
  'reservation.ending',
  'power_commitment.ending',
  'alert.fired',
  'alert.resolved',
] as const;
export type WebhookNotificationType = (typeof WEBHOOK_NOTIFICATION_TYPES)[number];

const MAX_URL_LENGTH = 2000;
const URL_ACCEPTED = `an http or https URL of at most ${MAX_URL_LENGTH} characters, without user or password`;

function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput('url', URL_ACCEPTED, value.slice(0, 100));
  }
  const ok =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    value.length <= MAX_URL_LENGTH;
  if (!ok) throw badInput('url', URL_ACCEPTED, value.slice(0, 100));
  return url.toString();
}

const registerSchema = z.object({
  id: optionalId(),
  ownerKind: oneOf(['OPERATOR', 'TENANT', 'PARTNER'] as const),
  ownerId: optionalId(),
  url: text(MAX_URL_LENGTH),
  description: optionalText(200),
  eventTypes: z.array(oneOf(WEBHOOK_NOTIFICATION_TYPES)).max(50).optional().nullable(),
});

export function parseRegisterWebhookEndpoint(
  input: unknown,
  newId: IdGenerator,
  registeredAt: string,
): Registered {
  const parsed = parseInput(registerSchema, input);
  const ownerKind: WebhookOwnerKind = parsed.ownerKind;
  const ownerId = parsed.ownerId ?? null;
  if (ownerKind === 'OPERATOR' && ownerId !== null)
    throw badInput('ownerId', 'no ownerId for an OPERATOR endpoint', ownerId);
  if (ownerKind !== 'OPERATOR' && ownerId === null)
    throw badInput(
      'ownerId',
      `the id of the ${ownerKind.toLowerCase()} that owns the endpoint`,
      null,
    );
  return {
    endpointId: parsed.id ?? newId(),
    ownerKind,
    ownerId,
    url: parseUrl(parsed.url),
    description: parsed.description,
    eventTypes: [...new Set(parsed.eventTypes ?? [])].sort(),
    registeredAt,
  };
}

const positionPattern = /^(0|[1-9]\d{0,18})$/;
export function parseReplayFrom(value: unknown): string {
  if (typeof value === 'string' && positionPattern.test(value)) return value;
  throw badInput(
    'fromPosition',
    'a log position: a whole number of at most 19 digits, as a string',
    value,
  );
}

function sameRegistration(recorded: Registered, asked: Registered): WebhookEndpointEvent[] {
  const strip = ({ registeredAt: _registeredAt, ...rest }: Registered) => rest;
  return repeatOrConflict('webhook endpoint', asked.endpointId, strip(recorded), strip(asked));
}

function live(state: WebhookEndpointState, endpointId: string) {
  if (state.status === 'none') throw notFound(`id: no webhook endpoint ${endpointId}`, 'id');
  if (state.status === 'removed')
    throw conflict(`webhook endpoint ${endpointId} was removed; register a new one`, 'id');
  return state;
}

function decide(
  command: WebhookEndpointCommand,
  state: WebhookEndpointState,
): WebhookEndpointEvent[] {
  switch (command.type) {
    case 'RegisterWebhookEndpoint': {
      if (state.status !== 'none') return sameRegistration(state.endpoint, command.data);
      if (!command.context.ownerExists) {
        const kind = command.data.ownerKind.toLowerCase();
        throw notFound(`ownerId: no ${kind} ${command.data.ownerId}`, 'ownerId');
      }
      return [{ type: 'WebhookEndpointRegistered', data: command.data }];
    }
    case 'PauseWebhookEndpoint': {
      const current = live(state, command.data.endpointId);
      if (current.status === 'paused') return [];
      return [{ type: 'WebhookEndpointPaused', data: command.data }];
    }
    case 'ResumeWebhookEndpoint': {
      const current = live(state, command.data.endpointId);
      if (current.status === 'active') return [];
      return [{ type: 'WebhookEndpointResumed', data: command.data }];
    }
    case 'ReplayWebhookEndpoint':
      live(state, command.data.endpointId);
      return [{ type: 'WebhookReplayRequested', data: command.data }];
    case 'RemoveWebhookEndpoint':
      if (state.status === 'removed') return [];
      live(state, command.data.endpointId);
      return [{ type: 'WebhookEndpointRemoved', data: command.data }];
  }
}

function evolve(state: WebhookEndpointState, event: WebhookEndpointEvent): WebhookEndpointState {
  switch (event.type) {
    case 'WebhookEndpointRegistered':
      return { status: 'active', endpoint: event.data };
    case 'WebhookEndpointPaused':
      return state.status === 'none'
        ? state
        : { status: 'paused', endpoint: state.endpoint, reason: event.data.reason };
    case 'WebhookEndpointResumed':
      return state.status === 'none' ? state : { status: 'active', endpoint: state.endpoint };
    case 'WebhookEndpointRemoved':
      return state.status === 'none' ? state : { status: 'removed', endpoint: state.endpoint };
    default:
      return state;
  }
}

/** Stream webhook-endpoint-{endpointId}. */
export const webhookEndpointDecider: Decider<
  WebhookEndpointCommand,
  WebhookEndpointState,
  WebhookEndpointEvent
> = { decide, evolve, initialState: () => ({ status: 'none' }) };
