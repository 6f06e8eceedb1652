export {
  startPlatform,
  DATABASE_FILE,
  READ_MODEL_FILE,
  type Platform,
  type PlatformOptions,
} from './start-platform.js';
export { loadDemo, DEMO, DemoRefusedError } from './demo.js';
export { DataDirRefusedError, STORE_MARKER_FILE } from './data-dir-guard.js';
export { createCli } from './cli-program.js';
export { openInvoicingData, openStores } from './data-dir.js';
export { createInvoicingPort } from './invoicing-port.js';
export { createWriteSide, type CommandServices } from './write-side.js';
