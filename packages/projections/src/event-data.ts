import type { RecordedEvent } from '@cadran/event-store';
import { fromStoredAs, type DomainEvent } from '@cadran/domain';

type DataOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>['data'];

/**
 * The data of a recorded event of a known domain type (the runner routes by type), read through
 * the domain's fromStored (where old schema versions are upcast).
 */
export function dataOf<T extends DomainEvent['type']>(event: RecordedEvent, type: T): DataOf<T> {
  const decoded = fromStoredAs(event, [type]);
  if (decoded === undefined) throw new Error(`expected a ${type} event, got ${event.type}`);
  return decoded.data as DataOf<T>;
}
