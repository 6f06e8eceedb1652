/** One line of an NDJSON body: its text, or `tooLong` when it went past the limit (its text is dropped). */
export type NdjsonLine =
  | { lineNumber: number; text: string; tooLong: false }
  | { lineNumber: number; text: null; tooLong: true };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Splits a byte stream into lines, chunk by chunk (one array of lines per chunk read), holding at
 * most `maxLineBytes` of an unfinished line: a longer line is reported, never buffered.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<NdjsonLine[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let lineNumber = 0;

  const finish = (tail: Buffer): NdjsonLine => {
    lineNumber++;
    if (overflow || pendingBytes + tail.length > maxLineBytes + 1) {
      overflow = false;
      pending = [];
      pendingBytes = 0;
      return { lineNumber, text: null, tooLong: true };
    }
    let bytes = pendingBytes === 0 ? tail : Buffer.concat([...pending, tail]);
    pending = [];
    pendingBytes = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN)
      bytes = bytes.subarray(0, bytes.length - 1);
    if (bytes.length > maxLineBytes) return { lineNumber, text: null, tooLong: true };
    return { lineNumber, text: bytes.toString('utf8'), tooLong: false };
  };

  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    const lines: NdjsonLine[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      lines.push(finish(chunk.subarray(start, end)));
      start = end + 1;
    }
    if (start < chunk.length && !overflow) {
      const rest = chunk.subarray(start);
      if (pendingBytes + rest.length > maxLineBytes + 1) {
        overflow = true;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copied: the source may reuse its chunk buffers.
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
      }
    }
    if (lines.length > 0) yield lines;
  }
  if (pendingBytes > 0 || overflow) yield [finish(Buffer.alloc(0))];
}
