import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runTypeScriptChild } from './child-process.js';

const ECHO = new URL('./fixtures/echo-child.ts', import.meta.url);

describe('runTypeScriptChild', () => {
  it('runs a TypeScript file through the workspace tsx from any working directory', async () => {
    const child = runTypeScriptChild(ECHO, ['one', 'two'], { cwd: tmpdir() });
    expect(await child.nextLine()).toBe('one');
    expect(await child.nextLine()).toBe('two');
    expect(await child.finished).toMatchObject({ code: 0, stdout: 'one\ntwo\n' });
    expect(child.stderr()).toContain(`cwd ${tmpdir()}`);
  });

  it('rejects at once when the process cannot start, instead of waiting for a line', async () => {
    const child = runTypeScriptChild(ECHO, [], { cwd: '/nonexistent-cadran-dir' });
    await expect(child.exited).rejects.toThrow(/ENOENT/);
    await expect(child.waitForLine(() => true)).rejects.toThrow(/ENOENT/);
  });

  it('rejects a wait for a line the child never printed, with its stderr', async () => {
    const child = runTypeScriptChild(ECHO, ['only']);
    await expect(child.waitForLine((line) => line === 'never')).rejects.toThrow(
      /exited \(0\) before the expected line; stderr: cwd /,
    );
  });
});
