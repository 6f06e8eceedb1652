import { createCli } from './cli-program.js';

await createCli().parseAsync(process.argv);
