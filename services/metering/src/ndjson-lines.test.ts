import { describe, expect, it } from 'vitest';
import { ndjsonLines, type NdjsonLine } from './ndjson-lines.js';

async function split(chunks: string[], max: number): Promise<NdjsonLine[]> {
  async function* source() {
    for (const chunk of chunks) yield Buffer.from(chunk);
  }
  const lines: NdjsonLine[] = [];
  for await (const batch of ndjsonLines(source(), max)) lines.push(...batch);
  return lines;
}

const texts = (lines: NdjsonLine[]) =>
  lines.map((l) => (l.tooLong ? `#${l.lineNumber} too long` : `#${l.lineNumber} ${l.text}`));

describe('ndjsonLines', () => {
  it('joins lines split across chunks, strips CR and keeps a last line without newline', async () => {
    expect(texts(await split(['ab', 'c\r\nd', 'e\n\nf', 'g'], 10))).toEqual([
      '#1 abc',
      '#2 de',
      '#3 ',
      '#4 fg',
    ]);
  });

  it('reports a line longer than the limit without holding it, and goes on with the next', async () => {
    const lines = await split(['12345', '67890', 'abcdef', 'gh\nok\n123456789', '01\nlast'], 8);
    expect(texts(lines)).toEqual(['#1 too long', '#2 ok', '#3 too long', '#4 last']);
  });

  it('accepts a line of exactly the limit, with or without CR', async () => {
    expect(texts(await split(['12345678\n', '12345678\r\n', '123456789\n'], 8))).toEqual([
      '#1 12345678',
      '#2 12345678',
      '#3 too long',
    ]);
  });

  it('keeps multi-byte characters split across chunks whole', async () => {
    const bytes = Buffer.from('{"name":"Bruyères"}\n');
    async function* source() {
      yield bytes.subarray(0, 14);
      yield bytes.subarray(14);
    }
    const lines: NdjsonLine[] = [];
    for await (const batch of ndjsonLines(source(), 100)) lines.push(...batch);
    expect(texts(lines)).toEqual(['#1 {"name":"Bruyères"}']);
  });
});
