/**
 * Characters no name, description or reason may hold: C0 controls (NUL, TAB, CR, LF, ESC…), DEL, C1
 * controls, and the bidirectional marks, embeddings, overrides and isolates that make text print
 * other than it reads (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

export const CONTROL_CHARACTERS_REFUSED =
  'no control characters (C0, C1) or bidirectional marks and overrides';

const codePoint = (char: string) =>
  `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** "U+202E at character 4" for the first refused character of `text`; undefined when there is none. */
export function controlCharacterIn(text: string): string | undefined {
  const match = CONTROL.exec(text);
  return match === null ? undefined : `${codePoint(match[0])} at character ${match.index + 1}`;
}

/**
 * `text` safe to print on a terminal: each refused character (newlines kept when `keepNewlines`)
 * written as a visible `<U+001B>`; text already in the log from before the check prints this way.
 */
export function printable(text: string, keepNewlines = false): string {
  return text.replace(CONTROLS, (char) =>
    keepNewlines && char === '\n' ? char : `<${codePoint(char)}>`,
  );
}
