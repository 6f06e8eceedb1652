/** Numbers and dates for a French finance reader: 1 234 567,89 €, 31/03/2026 23:59. */

const currencyFormats = new Map<string, Intl.NumberFormat>();
const currencyFormat = (currency: string, maximumFractionDigits: number) => {
  const key = `${currency}/${maximumFractionDigits}`;
  let format = currencyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat('fr-FR', {
      style: 'currency',
      currency,
      minimumFractionDigits: 2,
      maximumFractionDigits,
    });
    currencyFormats.set(key, format);
  }
  return format;
};

/** An exact decimal string as money; Intl formats the string itself, never a float of it. */
export const money = (amount: string, currency = 'EUR'): string =>
  currencyFormat(currency, 2).format(amount as Intl.StringNumericLiteral);

/** A unit price: at least the cents, and every decimal the rate card has (0,115 € stays 0,115 €). */
export const price = (amount: string, currency = 'EUR'): string =>
  currencyFormat(currency, 6).format(amount as Intl.StringNumericLiteral);

const quantityFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });
export const quantity = (value: string | number): string =>
  quantityFormat.format(value as Intl.StringNumericLiteral);

const percentFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
export const percent = (value: string): string =>
  `${percentFormat.format(value as Intl.StringNumericLiteral)} %`;

/** A date and time in the given IANA zone, with the zone named when it is not obvious. */
export const dateTime = (iso: string | null | undefined, timeZone: string): string => {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));
};

export const date = (iso: string | null | undefined, timeZone: string): string => {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'short' }).format(new Date(iso));
};

/** A local date (YYYY-MM-DD: a value date, a due date) as 31/03/2026; it belongs to no zone. */
export const localDate = (ymd: string): string => ymd.split('-').reverse().join('/');

/** 2026-03 as "March 2026" (the console speaks English; numbers and dates are French). */
export const period = (value: string): string => {
  const [year, month] = value.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 15)));
};

/** The UTC instant of a wall-clock time (YYYY-MM-DDTHH:mm) in an IANA zone. */
export const instantOf = (local: string, timeZone: string): string => {
  const asUtc = Date.parse(`${local}:00Z`);
  let guess = asUtc;
  for (let pass = 0; pass < 3; pass += 1) {
    const shown = wallClockOf(new Date(guess), timeZone);
    guess += asUtc - Date.parse(`${shown}:00Z`);
  }
  return new Date(guess).toISOString().replace('.000Z', 'Z');
};

/** The wall-clock time (YYYY-MM-DDTHH:mm) of an instant in an IANA zone, for datetime-local inputs. */
export const wallClockOf = (instant: Date, timeZone: string): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
};

/** The operator's zone, for dates that belong to no contract or site. */
export const OPERATOR_TIME_ZONE = 'Europe/Paris';
