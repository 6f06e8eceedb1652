const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

const DAY_MS = 86_400_000;
/** Years 1970 to 9999: four-digit years, so that the day's text is a fixed-width prefix. */
const LAST_MS = Date.UTC(10_000, 0, 1);
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** "YYYY-MM-DDT" of the days already formatted: reports format the same days again and again. */
const dayTexts = new Map<number, string>();

/** ISO UTC, without milliseconds when they are zero: 2026-03-01T00:00:00Z. */
export function formatInstant(ms: number): string {
  if (ms % 1000 !== 0 || !(ms >= 0 && ms < LAST_MS))
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  const day = Math.floor(ms / DAY_MS);
  let dayText = dayTexts.get(day);
  if (dayText === undefined) {
    dayText = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayTexts.size >= 4096) dayTexts.clear();
    dayTexts.set(day, dayText);
  }
  const seconds = (ms - day * DAY_MS) / 1000;
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  return `${dayText}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s]}Z`;
}

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** `text` when it is already a canonical instant (a real date, UTC, whole seconds); else undefined. */
export function canonicalInstant(text: string): string | undefined {
  if (text.length !== 20 || !CANONICAL.test(text)) return undefined;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  // Date.parse rolls an impossible day or 24:00 over to the next day: the day must be the one written.
  const day = (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
  return new Date(ms).getUTCDate() === day ? text : undefined;
}

export function toMs(instant: string): number {
  return Date.parse(instant);
}

/** Parses RFC 3339 with an offset; undefined when the text is not one (or names no real date). */
export function parseRfc3339(text: string): number | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const localCheck = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const check = new Date(localCheck);
  if (
    check.getUTCFullYear() !== Number(year) ||
    check.getUTCMonth() !== Number(month) - 1 ||
    check.getUTCDate() !== Number(day) ||
    check.getUTCHours() !== Number(hour) ||
    check.getUTCMinutes() !== Number(minute)
  ) {
    return undefined;
  }
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The end of an interval that may be open: null reads as +infinity. */
export function endMs(instant: string | null): number {
  return instant === null ? Number.POSITIVE_INFINITY : toMs(instant);
}

export function formatEnd(instant: string | null): string {
  return instant ?? 'open-ended';
}
