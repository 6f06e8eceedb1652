const UUID_V7 = /^([0-9a-f]{8})-([0-9a-f]{4})-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * The time a UUIDv7 carries (RFC 9562: its first 48 bits are Unix milliseconds), e.g. when the
 * store assigned an event its id; null for any other id, whose time cannot be known.
 */
export function uuidV7Time(id: string): Date | null {
  const match = UUID_V7.exec(id);
  return match === null ? null : new Date(parseInt(`${match[1]}${match[2]}`, 16));
}
