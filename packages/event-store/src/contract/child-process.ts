import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface RunningChild {
  process: ChildProcess;
  /** Resolves with the first stdout line satisfying the predicate. */
  waitForLine(predicate: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Runs a TypeScript file of this package in a new Node process through tsx. */
export function runTypeScriptChild(moduleUrl: URL, args: string[]): RunningChild {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(moduleUrl), ...args], {
    cwd: repositoryRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const seen: string[] = [];
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    seen.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    process: child,
    exited,
    stderr: () => errors,
    waitForLine(predicate) {
      const already = seen.find(predicate);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        waiters.push({ predicate, resolve });
        void exited.then(({ code, signal }) => {
          const stillWaiting = waiters.some((waiter) => waiter.resolve === resolve);
          if (stillWaiting)
            reject(
              new Error(
                `child exited (${code ?? signal}) before the expected line; stderr: ${errors}`,
              ),
            );
        });
      });
    },
  };
}
