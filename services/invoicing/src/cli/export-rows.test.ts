import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS, toCsv, type ExportRow } from './export-rows.js';

const row = (over: Partial<ExportRow>): ExportRow => ({
  ...(Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, ''])) as ExportRow),
  ...over,
});
const cellsOf = (csv: string) => csv.split('\r\n')[1]!;

describe('CSV export', () => {
  it.each([
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
  ])('neutralises a text cell a spreadsheet would run as a formula: %j', (name, cell) => {
    const csv = toCsv([row({ billToName: name } as Partial<ExportRow>)]);
    expect(cellsOf(csv).split(',').length).toBeGreaterThan(1);
    expect(csv).toContain(cell);
  });

  it('leaves amounts alone, negative ones included', () => {
    const csv = toCsv([row({ amount: '-235857.92', quantity: '-1' } as Partial<ExportRow>)]);
    expect(cellsOf(csv)).toContain(',-235857.92,');
    expect(csv).not.toContain("'-");
  });
});
