import { createCli } from './cli-program.js';

// Files the CLI creates in the data directory (database, WAL, secrets) are its user's only.
process.umask(0o077);
await createCli().parseAsync(process.argv);
