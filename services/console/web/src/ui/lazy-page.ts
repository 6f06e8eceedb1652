import { lazy, type ComponentType } from 'react';

/** A page exported by name from a module loaded on first render (a chunk of its own in the build). */
export const lazyPage = <Props extends object, Name extends string>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
) => lazy(async () => ({ default: (await load())[name] }));
