import type { RecordedEvent } from '@cadran/event-store';
import type { DomainEvent } from '@cadran/domain';

type DataOf<T extends DomainEvent['type']> = Extract<DomainEvent, { type: T }>['data'];

/** The data of a recorded event of a known domain type (the runner routes by type). */
export function dataOf<T extends DomainEvent['type']>(event: RecordedEvent, _type: T): DataOf<T> {
  const data: unknown = event.data;
  return data as DataOf<T>;
}
