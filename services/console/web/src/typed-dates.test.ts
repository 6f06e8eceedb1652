import { describe, expect, it } from 'vitest';
import { parseTypedDate, typedDateOf } from './typed-dates';

describe('dates typed in the console', () => {
  it('reads day first, as a French reader writes it', () => {
    expect(parseTypedDate('01/04/2026 00:00', 'dateTime')).toBe('2026-04-01T00:00');
    expect(parseTypedDate(' 1/4/2026 9h05 ', 'dateTime')).toBe('2026-04-01T09:05');
    expect(parseTypedDate('31/12/2026', 'date')).toBe('2026-12-31');
  });

  it('takes ISO 8601 too, which cannot be misread', () => {
    expect(parseTypedDate('2026-05-01T00:00', 'dateTime')).toBe('2026-05-01T00:00');
    expect(parseTypedDate('2026-05-01 23:59', 'dateTime')).toBe('2026-05-01T23:59');
    expect(parseTypedDate('2026-12-31', 'date')).toBe('2026-12-31');
  });

  it('refuses what is not a date of the calendar or not in the format', () => {
    for (const text of ['31/02/2026', '29/02/2026', '13/13/2026', '04-01-2026', ''])
      expect(parseTypedDate(text, 'date')).toBeUndefined();
    for (const text of [
      '01/04/2026 24:00',
      '01/04/2026 12:60',
      '01/04/2026',
      '04/01/2026, 12:00 AM',
    ])
      expect(parseTypedDate(text, 'dateTime')).toBeUndefined();
    expect(parseTypedDate('29/02/2028', 'date')).toBe('2028-02-29');
  });

  it('shows a wall-clock value as it is typed', () => {
    expect(typedDateOf('2026-03-15T12:00')).toBe('15/03/2026 12:00');
    expect(typedDateOf('2026-12-31')).toBe('31/12/2026');
  });
});
