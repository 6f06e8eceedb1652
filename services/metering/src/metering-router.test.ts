import { energyRecordInput } from '@cadran/domain/testing';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteEventStore, type SqliteEventStore } from '@cadran/event-store';
import { createMeteringService, type MeteringService } from './metering-service.js';
import type { IngestAnswer } from './metering-router.js';
import { serveMetering } from './http-server.test-support.js';
import { SITE_ID, seedReferenceData, tempDir, usageRecord } from './reference-data.test-support.js';

let temp: ReturnType<typeof tempDir>;
let store: SqliteEventStore;
let service: MeteringService;
let server: Awaited<ReturnType<typeof serveMetering>>;

beforeEach(async () => {
  temp = tempDir();
  store = createSqliteEventStore({ path: temp.file('cadran.db'), synchronous: 'NORMAL' });
  service = createMeteringService({ store });
  await seedReferenceData(store);
  server = await serveMetering(service, {
    maxLineBytes: 1024,
    batchSize: 100,
    maxInflatedBytes: 1024 * 1024,
  });
});

afterEach(async () => {
  await server.close();
  await service.close();
  await store.close();
  temp.remove();
});

const post = async (
  path: string,
  body: BodyInit,
  init: { role?: string | null; type?: string; encoding?: string } = {},
) => {
  const headers: Record<string, string> = { 'content-type': init.type ?? 'application/x-ndjson' };
  if (init.encoding !== undefined) headers['content-encoding'] = init.encoding;
  const role = init.role === undefined ? 'METERING' : init.role;
  if (role !== null) headers.authorization = `Bearer ${await server.token(role)}`;
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers,
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  });
};

const ndjson = (records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');

/** A body sent in pieces of `size` bytes, as a slow client would. */
const inPieces = (bytes: Uint8Array, size: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += size)
        controller.enqueue(bytes.subarray(offset, offset + size));
      controller.close();
    },
  });

describe('POST /v1/usage', () => {
  it('keeps the good lines among bad ones and names each bad line and why', async () => {
    const lines = [
      JSON.stringify(usageRecord(1)),
      '',
      '{"id": "u-2", "tenantId": ',
      JSON.stringify({ ...usageRecord(3), gpuHours: '-2' }),
      '   ',
      JSON.stringify({ ...usageRecord(4), tenantId: 'nobody' }),
      JSON.stringify({ ...usageRecord(5), note: 'x'.repeat(2000) }),
      JSON.stringify(usageRecord(6)),
      JSON.stringify(usageRecord(1)),
      JSON.stringify({ ...usageRecord(6), gpuHours: '9' }),
    ];
    const response = await post('/v1/usage', `${lines.join('\r\n')}\n`);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as IngestAnswer;
    expect(answer).toMatchObject({
      accepted: 2,
      duplicates: 1,
      rejected: 5,
      rejectionsTruncated: false,
    });
    expect(answer.rejections.map((r) => [r.line, r.id, r.code])).toEqual([
      [3, null, 'BAD_USER_INPUT'],
      [4, 'u-3', 'BAD_USER_INPUT'],
      [6, 'u-4', 'NOT_FOUND'],
      [7, null, 'BAD_USER_INPUT'],
      [10, 'u-6', 'CONFLICT'],
    ]);
    expect(answer.rejections[0]!.message).toMatch(
      /^line: expected one JSON record, got malformed JSON/,
    );
    expect(answer.rejections[1]!.message).toMatch(/^gpuHours: /);
    expect(answer.rejections[3]!.message).toBe(
      'line: expected at most 1024 bytes a line, got more',
    );
    const events = await store.readStream(`usage-${SITE_ID}`);
    expect(events.map((e) => e.data.recordId)).toEqual(['u-1', 'u-6']);
    expect(BigInt(answer.lastPosition)).toBe(events[1]!.globalPosition);
  });

  it('reads a body streamed in small pieces across many batches', async () => {
    const body = ndjson(Array.from({ length: 1050 }, (_, n) => usageRecord(n))) + '\nnot json';
    const stream = inPieces(new TextEncoder().encode(body), 777);
    const answer = (await (await post('/v1/usage', stream)).json()) as IngestAnswer;
    expect(answer).toMatchObject({ accepted: 1050, duplicates: 0, rejected: 1 });
    expect(answer.rejections[0]!.line).toBe(1051);
    expect(await store.readStream(`usage-${SITE_ID}`)).toHaveLength(1050);
  });

  it('answers an empty body with zero counts', async () => {
    expect(await (await post('/v1/usage', '')).json()).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      rejections: [],
    });
  });

  it('refuses another content type with 415 and says what is accepted', async () => {
    const response = await post('/v1/usage', JSON.stringify([usageRecord(1)]), {
      type: 'application/json',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message:
          'Content-Type: expected application/x-ndjson (one JSON record a line), got application/json',
      },
    });
    expect(await store.readStream(`usage-${SITE_ID}`)).toHaveLength(0);
  });

  it('answers 401 without a token and 403 for a role other than METERING or ADMIN', async () => {
    const body = ndjson([usageRecord(1)]);
    expect((await post('/v1/usage', body, { role: null })).status).toBe(401);
    const forbidden = await post('/v1/usage', body, { role: 'FINANCE' });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { message: string } }).error.message).toMatch(
      /METERING, ADMIN/,
    );
    expect(await store.readStream(`usage-${SITE_ID}`)).toHaveLength(0);
    expect((await post('/v1/usage', body, { role: 'ADMIN' })).status).toBe(200);
    expect(await store.readStream(`usage-${SITE_ID}`)).toHaveLength(1);
  });
});

describe('Content-Encoding', () => {
  it('reads a gzip body, streamed in pieces, as the NDJSON it holds', async () => {
    const body = gzipSync(
      ndjson(Array.from({ length: 250 }, (_, n) => usageRecord(n))) + '\nnot json\n',
    );
    const response = await post('/v1/usage', inPieces(body, 512), { encoding: 'gzip' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 250, duplicates: 0, rejected: 1 });
    expect(await store.readStream(`usage-${SITE_ID}`)).toHaveLength(250);
  });

  it('refuses a gzip body past the decompressed limit with 413, however small it is sent', async () => {
    // 64 MiB of blank lines compress to about 64 KiB: a zip bomb in miniature.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, '\n'));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await post('/v1/usage', bomb, { encoding: 'gzip' });
    expect(response.status).toBe(413);
    const answer = (await response.json()) as IngestAnswer & { error: unknown };
    expect(answer.error).toEqual({
      code: 'BAD_USER_INPUT',
      message:
        'body: expected at most 1048576 bytes once decompressed (Content-Encoding: gzip), got more; send it in smaller bodies',
    });
    expect([answer.accepted, answer.rejected, answer.lastPosition]).toEqual([0, 0, '-1']);
  });

  it('refuses data that is not gzip under Content-Encoding: gzip with 400', async () => {
    const response = await post('/v1/energy', ndjson([usageRecord(1)]), { encoding: 'gzip' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(/^body: expected gzip data \(Content-Encoding: gzip\)/),
      },
      accepted: 0,
    });
  });

  it('refuses any other encoding with 415, naming the accepted ones', async () => {
    for (const encoding of ['br', 'deflate', 'gzip, gzip']) {
      const response = await post('/v1/usage', ndjson([usageRecord(1)]), { encoding });
      expect(response.status).toBe(415);
      expect(response.headers.get('accept-encoding')).toBe('gzip, identity');
      expect(await response.json()).toEqual({
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: `Content-Encoding: expected gzip or identity (none), got ${JSON.stringify(encoding)}`,
        },
      });
    }
    const identity = await post('/v1/usage', ndjson([usageRecord(1)]), { encoding: 'identity' });
    expect(await identity.json()).toMatchObject({ accepted: 1 });
    expect(await store.readStream(`usage-${SITE_ID}`)).toHaveLength(1);
  });
});

describe('POST /v1/energy', () => {
  it('records energy lines', async () => {
    const energy = energyRecordInput('7');
    const answer = (await (
      await post('/v1/energy', ndjson([energy, { ...energy, id: 'e-2', kwh: 'lots' }]))
    ).json()) as IngestAnswer;
    expect(answer).toMatchObject({
      accepted: 1,
      rejected: 1,
      rejections: [{ line: 2, id: 'e-2', code: 'BAD_USER_INPUT' }],
    });
    expect((await store.readStream(`energy-${SITE_ID}`)).map((e) => e.data.contractId)).toEqual([
      'c-mistral',
    ]);
  });
});
