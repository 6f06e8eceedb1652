/** `pnpm bench [group]`: runs every group or one, prints its figures and merges them into bench/results/latest.json. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { groups } from './groups.js';

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
const resultsFile = `${resultsDir}latest.json`;

function readResults(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

const wanted = process.argv[2];
const selected = wanted === undefined ? groups : groups.filter((group) => group.name === wanted);
if (selected.length === 0) {
  console.error(
    `unknown bench group "${wanted}"; known: ${groups.map((group) => group.name).join(', ')}`,
  );
  process.exit(2);
}

console.log(
  `node ${process.version}, ${cpus().length} cpus (${cpus()[0]?.model ?? 'unknown'}), ${new Date().toISOString()}`,
);
for (const group of selected) {
  console.log(`\n[${group.name}]`);
  const figures = await group.run();
  for (const [name, value] of Object.entries(figures))
    console.log(`${name.padEnd(44)} ${formatFigure(value)}`);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify({ ...readResults(), ...figures }, null, 2)}\n`);
}
console.log(`\nwritten to ${resultsFile}`);

/** Large figures as whole numbers with separators; small ones (seconds, ms) keep two decimals. */
function formatFigure(value: number): string {
  return Math.abs(value) >= 100
    ? Math.round(value).toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
