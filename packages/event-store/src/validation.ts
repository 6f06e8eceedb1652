import { validate as isUuid } from 'uuid';
import { EventStoreInputError } from './errors.js';
import type { AppendOptions, EventToAppend, ExpectedRevision, JsonObject } from './event-store.js';

export const MAX_NAME_LENGTH = 200;
const NAME_PATTERN = /^[A-Za-z0-9_.:-][A-Za-z0-9_.:$-]*$/;
const NAME_ACCEPTED = `1 to ${MAX_NAME_LENGTH} characters among letters, digits, '-', '_', ':', '.', '$' ('$' not first)`;

function checkName(field: string, value: unknown): asserts value is string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > MAX_NAME_LENGTH ||
    !NAME_PATTERN.test(value)
  ) {
    throw new EventStoreInputError(field, `a string of ${NAME_ACCEPTED}; got ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

export function checkStreamName(streamName: unknown): asserts streamName is string {
  checkName('streamName', streamName);
}

export function checkEventType(field: string, type: unknown): asserts type is string {
  checkName(field, type);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Path of the first value JSON cannot carry faithfully (undefined, function, NaN, Date, Map...), or undefined. */
function findNonJson(value: unknown, path: string, depth: number): string | undefined {
  if (depth > 64) return path;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : path;
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const bad = findNonJson(value[i], `${path}[${i}]`, depth + 1);
          if (bad !== undefined) return bad;
        }
        return undefined;
      }
      if (!isPlainObject(value)) return path;
      for (const key in value) {
        const bad = findNonJson(value[key], `${path}.${key}`, depth + 1);
        if (bad !== undefined) return bad;
      }
      return undefined;
    }
    default:
      return path;
  }
}

const JSON_ACCEPTED =
  'a plain JSON object: strings, finite numbers, booleans, null, arrays and plain objects only (no undefined, functions, bigint, Date, NaN, cycles)';

export function checkJsonObject(field: string, value: unknown): asserts value is JsonObject {
  if (!isPlainObject(value))
    throw new EventStoreInputError(field, `${JSON_ACCEPTED}; got ${describe(value)}`);
  const bad = findNonJson(value, field, 0);
  if (bad !== undefined) throw new EventStoreInputError(bad, JSON_ACCEPTED);
}

const STRING_METADATA = ['correlationId', 'causationId', 'actor', 'recordedAt'] as const;

export function checkEvent(event: unknown, index: number): asserts event is EventToAppend {
  const at = `events[${index}]`;
  if (!isPlainObject(event))
    throw new EventStoreInputError(
      at,
      `an object { id?, type, data, metadata? }; got ${describe(event)}`,
    );
  if (event.id !== undefined && (typeof event.id !== 'string' || !isUuid(event.id))) {
    throw new EventStoreInputError(
      `${at}.id`,
      `a UUID string, or omitted; got ${describe(event.id)}`,
    );
  }
  checkEventType(`${at}.type`, event.type);
  checkJsonObject(`${at}.data`, event.data);
  if (event.metadata !== undefined) {
    checkJsonObject(`${at}.metadata`, event.metadata);
    const metadata = event.metadata as Record<string, unknown>;
    for (const key of STRING_METADATA) {
      const value = metadata[key];
      if (value !== undefined && typeof value !== 'string') {
        throw new EventStoreInputError(
          `${at}.metadata.${key}`,
          `a string, or omitted; got ${describe(value)}`,
        );
      }
    }
  }
}

export function checkEvents(events: unknown): asserts events is EventToAppend[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new EventStoreInputError(
      'events',
      `a non-empty array of events; got ${describe(events)}`,
    );
  }
  for (let i = 0; i < events.length; i++) checkEvent(events[i], i);
}

export function expectedRevisionOf(options: AppendOptions | undefined): ExpectedRevision {
  const expected = options?.expectedRevision ?? 'any';
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists')
    return expected;
  if (typeof expected === 'bigint' && expected >= 0n) return expected;
  throw new EventStoreInputError(
    'expectedRevision',
    `'no_stream', 'stream_exists', 'any' or a bigint >= 0n; got ${describe(expected)}`,
  );
}

export function checkAppend(
  streamName: unknown,
  events: unknown,
  options: AppendOptions | undefined,
): ExpectedRevision {
  checkStreamName(streamName);
  checkEvents(events);
  return expectedRevisionOf(options);
}

export function checkPosition(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'bigint' || value < -1n)) {
    throw new EventStoreInputError(field, `a bigint >= -1n, or omitted; got ${describe(value)}`);
  }
}

export function checkCount(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
    throw new EventStoreInputError(field, `an integer >= 1, or omitted; got ${describe(value)}`);
  }
}
