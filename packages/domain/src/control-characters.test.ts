import { describe, expect, it } from 'vitest';
import { refusalOf } from './testing/index.js';
import { parseOnboardTenant } from './party/tenant.js';
import { controlCharacterIn, printable } from './control-characters.js';

const refusal = (fn: () => unknown): string => refusalOf(fn, 'BAD_USER_INPUT').message;

describe('text fields refuse control characters', () => {
  it.each([
    ['NUL', 'mistral\u0000SAS', 'U+0000 at character 8'],
    ['LF', 'mistral\nSAS', 'U+000A at character 8'],
    ['CR', 'mistral\rSAS', 'U+000D at character 8'],
    ['ESC', 'mistral\u001b[31mSAS', 'U+001B at character 8'],
    ['C1 (CSI)', 'mistral\u009bSAS', 'U+009B at character 8'],
    ['right-to-left override', 'mistral\u202eSAS', 'U+202E at character 8'],
    ['isolate', 'mistral\u2066SAS', 'U+2066 at character 8'],
  ])('a tenant name with %s is refused, naming the character', (_, name, where) => {
    expect(
      refusal(() => parseOnboardTenant({ id: 't-1', name, countryCode: 'FR' }, () => 'x')),
    ).toBe(
      `name: expected a text with no control characters (C0, C1) or bidirectional marks and overrides, got ${JSON.stringify(printable(name))} (${where})`,
    );
  });

  it('a formula-looking name is text like any other (exports neutralise it)', () => {
    expect(
      parseOnboardTenant({ id: 't-1', name: "+cmd|' /C calc'!A0", countryCode: 'FR' }, () => 'x')
        .name,
    ).toBe("+cmd|' /C calc'!A0");
  });

  it('printable shows what was refused, visibly', () => {
    expect(printable('a\u001b[2Jb\u202ec\nd')).toBe('a<U+001B>[2Jb<U+202E>c<U+000A>d');
    expect(printable('a\nb\r', true)).toBe('a\nb<U+000D>');
    expect(controlCharacterIn('Bruyères-le-Châtel – Île-de-France')).toBeUndefined();
  });
});
