import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root: children start there unless told otherwise. */
export const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * tsx's loader resolved from this workspace's node_modules, as a file URL: the child finds it
 * whatever its working directory and wherever the repository was cloned.
 */
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export type ChildExit = { code: number | null; signal: NodeJS.Signals | null };
export type FinishedChild = ChildExit & { stdout: string; stderr: string };

export interface RunningChild {
  process: ChildProcess;
  /** Resolves with the first stdout line satisfying the predicate (seen before or after the call). */
  waitForLine(predicate: (line: string) => boolean): Promise<string>;
  /** Resolves with the next stdout line not yet taken by an earlier call, in order. */
  nextLine(): Promise<string>;
  /** Resolves with the exit code and signal; rejects at once if the process could not start. */
  exited: Promise<ChildExit>;
  /** Resolves with the exit and everything the child wrote. */
  finished: Promise<FinishedChild>;
  stdout(): string;
  stderr(): string;
}

export type ChildOptions = {
  /** Working directory; the repository root by default. */
  cwd?: string;
  /** The child's whole environment; the parent's by default. */
  env?: NodeJS.ProcessEnv;
  /** Node flags before the loader, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** What stderr does: kept for stderr() (default) or inherited from the parent. */
  stderr?: 'pipe' | 'inherit';
  /** Called with every stdout line as it arrives. */
  onLine?: (line: string) => void;
};

/**
 * Runs a TypeScript file in a new Node process through tsx: the one way tests and benches start a
 * child process. `module` is a file URL or a path (relative paths are from the repository root).
 */
export function runTypeScriptChild(
  module: URL | string,
  args: string[],
  options: ChildOptions = {},
): RunningChild {
  const script = module instanceof URL ? fileURLToPath(module) : resolve(repositoryRoot, module);
  const child = spawn(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', tsxLoader, script, ...args],
    {
      cwd: options.cwd ?? repositoryRoot,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', options.stderr ?? 'pipe'],
    },
  );
  const seen: string[] = [];
  let taken = 0;
  const waiters: { predicate: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const nextWaiters: ((line: string) => void)[] = [];
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    seen.push(line);
    options.onLine?.(line);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
    const next = nextWaiters.shift();
    if (next !== undefined) next(seen[taken++]!);
  });
  const exited = new Promise<ChildExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const finished = exited.then((exit) => ({ ...exit, stdout: output, stderr: errors }));
  // A caller that awaits only one of these must not see the others' rejection as unhandled.
  for (const promise of [exited, finished]) promise.catch(() => undefined);
  const endedBeforeLine = (exit: ChildExit) =>
    new Error(
      `child ${script} exited (${exit.code ?? exit.signal}) before the expected line; stderr: ${errors}`,
    );
  const whenEnded = (reject: (error: Error) => void, stillWaiting: () => boolean) =>
    void exited.then(
      (exit) => stillWaiting() && reject(endedBeforeLine(exit)),
      (error: Error) => reject(error),
    );
  return {
    process: child,
    exited,
    finished,
    stdout: () => output,
    stderr: () => errors,
    waitForLine(predicate) {
      const already = seen.find(predicate);
      if (already !== undefined) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve };
        waiters.push(waiter);
        whenEnded(reject, () => waiters.includes(waiter));
      });
    },
    nextLine() {
      if (taken < seen.length && nextWaiters.length === 0) return Promise.resolve(seen[taken++]!);
      return new Promise((resolve, reject) => {
        nextWaiters.push(resolve);
        whenEnded(reject, () => nextWaiters.includes(resolve));
      });
    },
  };
}
