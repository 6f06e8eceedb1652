/** Wakes live subscriptions of every store open on the same database file in this process. */
type Listener = () => void;

const listenersByFile = new Map<string, Set<Listener>>();

export function onCommit(file: string, listener: Listener): () => void {
  let listeners = listenersByFile.get(file);
  if (listeners === undefined) {
    listeners = new Set();
    listenersByFile.set(file, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) listenersByFile.delete(file);
  };
}

export function notifyCommit(file: string): void {
  const listeners = listenersByFile.get(file);
  if (listeners === undefined) return;
  for (const listener of [...listeners]) listener();
}
