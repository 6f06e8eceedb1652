/**
 * The deployment files in infra/ cannot be started here (no Docker engine): this checks what can
 * be checked without one, with the real client parsing the connection string the platform gets.
 */
import { readFileSync } from 'node:fs';
import { EventStoreDBClient } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';

const read = (path: string) =>
  readFileSync(new URL(`../../../infra/${path}`, import.meta.url), 'utf8');
const compose = read('eventstoredb/docker-compose.yml');
const dockerfile = read('platform/Dockerfile');
const setting = (name: string) =>
  [...compose.matchAll(new RegExp(`^\\s+${name}: '?([^'\\n]+)'?$`, 'gm'))].map((match) => match[1]);

describe('infra: compose file and platform image (not started here)', () => {
  it('makes the platform listen on every interface of its container (finding 8)', () => {
    expect(dockerfile).toMatch(/^\s+HOST=0\.0\.0\.0 \\$/m);
    expect(setting('HOST')).toEqual(['0.0.0.0']);
  });

  it('gives the platform a connection string the client accepts, to all three nodes, leader preferred', async () => {
    const [connectionString] = setting('ESDB_CONNECTION_STRING');
    expect(connectionString).toMatch(/^esdb:\/\/node1:2113,node2:2113,node3:2113\?/);
    expect(connectionString).toMatch(/nodePreference=leader/);
    const client = EventStoreDBClient.connectionString(connectionString!);
    await client.dispose();
  });

  it('sets the same maximum append size on the nodes and the platform (finding 7)', () => {
    expect(setting('EVENTSTORE_MAX_APPEND_SIZE')).toEqual(['16777216']);
    expect(setting('ESDB_MAX_APPEND_SIZE')).toEqual(['16777216']);
  });

  it('starts the platform only after gossip shows a leader (finding 15)', () => {
    expect(compose).toMatch(/leader-elected: \{ condition: service_completed_successfully \}/);
    expect(compose).toMatch(/\/gossip \| grep -Eq '"state": \?"Leader"'/);
  });
});
