/** The GraphQL API at /graphql, same origin, with the session's token and read-your-writes. */

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

type Answer<T> = {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { position?: string };
};

let token: string | undefined;
/** The highest log position this browser wrote: every read waits for it (x-cadran-min-position). */
let writtenUpTo: bigint | undefined;
let onUnauthenticated: (message: string) => void = () => undefined;

export const setToken = (value: string | undefined) => {
  token = value;
  writtenUpTo = undefined;
};
export const whenUnauthenticated = (handler: (message: string) => void) => {
  onUnauthenticated = handler;
};
export const readPosition = () => writtenUpTo?.toString();

const send = async <T>(
  query: string,
  variables: Record<string, unknown> | undefined,
  bearer: string | undefined,
): Promise<Answer<T>> => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  if (writtenUpTo !== undefined) headers['x-cadran-min-position'] = writtenUpTo.toString();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json().catch(() => ({}))) as Answer<T>;
  if (response.status === 401) {
    const message = answer.errors?.[0]?.message ?? 'the session is no longer valid';
    if (bearer === token) onUnauthenticated(message);
    throw new ApiError(message, 'UNAUTHENTICATED');
  }
  return answer;
};

const dataOf = <T>(answer: Answer<T>): T => {
  const first = answer.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
  if (!answer.data) throw new ApiError('the API answered without data', 'ERROR');
  return answer.data;
};

/** A read; waits (server side) until the read models hold everything this browser wrote. */
export const query = async <T>(text: string, variables?: Record<string, unknown>): Promise<T> =>
  dataOf(await send<T>(text, variables, token));

/** A write; remembers its position so that the reads after it see it. */
export const mutate = async <T>(text: string, variables?: Record<string, unknown>): Promise<T> => {
  const answer = await send<T>(text, variables, token);
  const position = answer.extensions?.position;
  if (position !== undefined && /^\d+$/.test(position)) {
    const written = BigInt(position);
    if (writtenUpTo === undefined || written > writtenUpTo) writtenUpTo = written;
  }
  return dataOf(answer);
};

/** Checks a token before it becomes the session's. */
export const queryWith = async <T>(bearer: string, text: string): Promise<T> =>
  dataOf(await send<T>(text, undefined, bearer));

/** A file of the API (a document), fetched with the session's token and handed to the browser to save. */
export const download = async (path: string, fileName: string): Promise<void> => {
  const response = await fetch(path, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  if (!response.ok)
    throw new ApiError(`${fileName}: the server answered ${response.status}`, 'NOT_FOUND');
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(window.document.createElement('a'), { href: url, download: fileName });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};
