import { fileURLToPath } from 'node:url';
import { bundle } from './bundle.js';

/** `pnpm start` first runs this: the platform compiled to `services/platform/dist/main.js`, run by plain `node`. */
await bundle(
  fileURLToPath(new URL('./main.ts', import.meta.url)),
  fileURLToPath(new URL('../dist/main.js', import.meta.url)),
);
