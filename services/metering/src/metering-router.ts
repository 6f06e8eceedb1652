import { Router, type Request, type RequestHandler, type Response } from 'express';
import { requireRoles, type Authenticator } from '@cadran/auth';
import type { MeteringService, RecordResult } from './metering-service.js';
import {
  BodyRefused,
  contentCodingOf,
  drained,
  gunzipped,
  ACCEPTED_ENCODINGS,
} from './decoded-body.js';
import { ndjsonLines } from './ndjson-lines.js';

export interface MeteringRouterOptions {
  service: MeteringService;
  authenticator: Authenticator;
  /** Longest line accepted, in bytes; a longer one is rejected alone. Default 16 KiB. */
  maxLineBytes?: number;
  /** Records handed to the service at once. Default 1,000. */
  batchSize?: number;
  /** Rejections listed in the answer (all are counted). Default 10,000. */
  maxRejectionsListed?: number;
  /** Largest gzip body once decompressed, in bytes; past it the answer is 413. Default 1 GiB. */
  maxInflatedBytes?: number;
}

export interface LineRejection {
  /** 1-based line number in the body. */
  line: number;
  id: string | null;
  code: string;
  message: string;
}

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  rejections: LineRejection[];
  /** True when more lines were rejected than listed. */
  rejectionsTruncated: boolean;
  /** Log position (decimal string) after which read models reflect this body. */
  lastPosition: string;
}

export const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson'];
export const METERING_ROLES = ['METERING', 'ADMIN'] as const;
export const DEFAULT_MAX_INFLATED_BYTES = 1024 ** 3;

const mediaType = (req: Request) =>
  (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

export function createMeteringRouter(options: MeteringRouterOptions): Router {
  const { service, authenticator } = options;
  const maxLineBytes = options.maxLineBytes ?? 16 * 1024;
  const batchSize = options.batchSize ?? 1000;
  const maxListed = options.maxRejectionsListed ?? 10_000;
  const maxInflatedBytes = options.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  const router = Router();
  const authorized = requireRoles(authenticator, METERING_ROLES);

  const ingest =
    (record: (records: unknown[]) => Promise<RecordResult>): RequestHandler =>
    async (req: Request, res: Response) => {
      const type = mediaType(req);
      if (!NDJSON_TYPES.includes(type)) {
        res
          .status(415)
          .set('Connection', 'close')
          .json({
            error: {
              code: 'UNSUPPORTED_MEDIA_TYPE',
              message: `Content-Type: expected application/x-ndjson (one JSON record a line), got ${type === '' ? 'none' : type}`,
            },
          });
        return;
      }
      const coding = contentCodingOf(req);
      if (coding instanceof BodyRefused) {
        res
          .status(coding.status)
          .set({ Connection: 'close', 'Accept-Encoding': ACCEPTED_ENCODINGS })
          .json({ error: { code: coding.code, message: coding.message } });
        return;
      }
      const answer: IngestAnswer = {
        accepted: 0,
        duplicates: 0,
        rejected: 0,
        rejections: [],
        rejectionsTruncated: false,
        lastPosition: '-1',
      };
      let lastPosition = -1n;
      const reject = (rejection: LineRejection) => {
        answer.rejected++;
        if (answer.rejections.length < maxListed) answer.rejections.push(rejection);
        else answer.rejectionsTruncated = true;
      };
      let batch: unknown[] = [];
      let lineNumbers: number[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const result = await record(batch);
        answer.accepted += result.accepted;
        answer.duplicates += result.duplicates;
        for (const r of result.rejected)
          reject({ line: lineNumbers[r.index]!, id: r.id, code: r.code, message: r.message });
        if (result.lastPosition > lastPosition) lastPosition = result.lastPosition;
        batch = [];
        lineNumbers = [];
      };

      try {
        // An identity body is split as it arrives, with no copy on the way.
        const body = coding === 'gzip' ? gunzipped(req, maxInflatedBytes) : req;
        for await (const lines of ndjsonLines(body, maxLineBytes)) {
          for (const line of lines) {
            if (line.tooLong) {
              reject({
                line: line.lineNumber,
                id: null,
                code: 'BAD_USER_INPUT',
                message: `line: expected at most ${maxLineBytes} bytes a line, got more`,
              });
              continue;
            }
            if (line.text.trim() === '') continue;
            let parsed: unknown;
            try {
              parsed = JSON.parse(line.text);
            } catch (error) {
              reject({
                line: line.lineNumber,
                id: null,
                code: 'BAD_USER_INPUT',
                message: `line: expected one JSON record, got malformed JSON (${(error as Error).message})`,
              });
              continue;
            }
            batch.push(parsed);
            lineNumbers.push(line.lineNumber);
            if (batch.length >= batchSize) await flush();
          }
        }
        await flush();
      } catch (error) {
        if (req.destroyed && !req.complete) return; // the client went away: nobody to answer
        answer.lastPosition = lastPosition.toString();
        if (error instanceof BodyRefused) {
          // What was counted is written; the rest of the body is read and dropped.
          await drained(req);
          res
            .status(error.status)
            .json({ error: { code: error.code, message: error.message }, ...answer });
          return;
        }
        // What was counted is written; the rest of the body was not read.
        res
          .status(500)
          .set('Connection', 'close')
          .json({
            error: {
              code: 'INTERNAL_SERVER_ERROR',
              message: `ingestion stopped: ${(error as Error).message}; the counts are what was recorded before`,
            },
            ...answer,
          });
        return;
      }
      answer.lastPosition = lastPosition.toString();
      answer.rejections.sort((a, b) => a.line - b.line);
      res.json(answer);
    };

  router.post(
    '/v1/usage',
    authorized,
    ingest((records) => service.recordGpuUsage(records)),
  );
  router.post(
    '/v1/energy',
    authorized,
    ingest((records) => service.recordEnergy(records)),
  );
  return router;
}
