import type { IncomingMessage } from 'node:http';
import { createGunzip } from 'node:zlib';
import { describe } from '@cadran/domain';

/** The `Content-Encoding` values an ingestion body may carry. */
export const ACCEPTED_ENCODINGS = 'gzip, identity';

/** Why a body was refused while it was read: the HTTP status, the code and the message. */
export class BodyRefused extends Error {
  override readonly name = 'BodyRefused';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body's coding: `identity` (none named, or `identity`), `gzip` (also `x-gzip`), or a
 * refusal naming what was sent and what is accepted.
 */
export const contentCodingOf = (request: IncomingMessage): 'identity' | 'gzip' | BodyRefused => {
  const header = request.headers['content-encoding'];
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return 'gzip';
  return new BodyRefused(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Content-Encoding: expected gzip or identity (none), got ${describe(header)}`,
  );
};

/**
 * The bytes of a gzip body, decompressed as they are read. Past `maxInflatedBytes` decompressed
 * bytes (a zip bomb expands a few MB to many GB) it throws a 413 refusal, and data that is not
 * gzip a 400 one; what was read before stays read.
 */
export async function* gunzipped(
  request: IncomingMessage,
  maxInflatedBytes: number,
): AsyncGenerator<Buffer> {
  const gunzip = createGunzip();
  request.pipe(gunzip);
  request.once('error', (error) => gunzip.destroy(error));
  request.once('close', () => {
    if (!request.complete) gunzip.destroy(new Error('the client closed the request'));
  });
  let inflated = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > maxInflatedBytes)
        throw new BodyRefused(
          413,
          'BAD_USER_INPUT',
          `body: expected at most ${maxInflatedBytes} bytes once decompressed (Content-Encoding: gzip), got more; send it in smaller bodies`,
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof BodyRefused || (request.destroyed && !request.complete)) throw error;
    throw new BodyRefused(
      400,
      'BAD_USER_INPUT',
      `body: expected gzip data (Content-Encoding: gzip), got data that could not be decompressed (${(error as Error).message})`,
    );
  } finally {
    request.unpipe(gunzip);
    gunzip.destroy();
  }
}

/**
 * Reads what is left of a refused body and drops it (compressed: nothing is decompressed), so
 * that the client, still sending, gets the answer rather than a reset connection.
 */
export const drained = (request: IncomingMessage): Promise<void> =>
  new Promise((resolve) => {
    if (request.complete || request.destroyed) return resolve();
    request.once('end', resolve);
    request.once('close', resolve);
    request.resume();
  });
