import type { Env } from '@cadran/auth';
import type { DeliveryPolicy } from '@cadran/webhooks';

export type SelfServiceSettings = {
  /** Shared by every instance on one EventStoreDB log, so that they sign alike; default: the data directory's webhook-key file. */
  webhookKey: string | undefined;
  allowPrivateNetworks: boolean;
  delivery: Partial<DeliveryPolicy>;
  alertsEveryMs: number;
};

const MIN_KEY_LENGTH = 32;

const wholeNumber = (env: Env, name: string, min: number, max: number): number | undefined => {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(
      `${name} '${value}' is not accepted; accepted: an integer from ${min} to ${max}`,
    );
  return n;
};

/** CADRAN_WEBHOOK_* and CADRAN_ALERTS_EVERY_S (docs/configuration.md). */
export function selfServiceSettingsFrom(env: Env): SelfServiceSettings {
  const key = env.CADRAN_WEBHOOK_KEY?.trim() || undefined;
  if (key !== undefined && key.length < MIN_KEY_LENGTH)
    throw new Error(
      `CADRAN_WEBHOOK_KEY holds ${key.length} characters; accepted: at least ${MIN_KEY_LENGTH}`,
    );
  const allow = env.CADRAN_WEBHOOKS_ALLOW_PRIVATE?.trim() || '0';
  if (allow !== '0' && allow !== '1')
    throw new Error(
      `CADRAN_WEBHOOKS_ALLOW_PRIVATE '${allow}' is not accepted; accepted: 0 (default) or 1`,
    );
  const delivery: Partial<DeliveryPolicy> = {};
  const base = wholeNumber(env, 'CADRAN_WEBHOOK_RETRY_BASE_MS', 1, 3_600_000);
  if (base !== undefined) delivery.baseBackoffMs = base;
  const attempts = wholeNumber(env, 'CADRAN_WEBHOOK_MAX_ATTEMPTS', 1, 1000);
  if (attempts !== undefined) delivery.maxAttempts = attempts;
  const tick = wholeNumber(env, 'CADRAN_WEBHOOK_TICK_MS', 5, 60_000);
  if (tick !== undefined) delivery.tickMs = tick;
  const notices = wholeNumber(env, 'CADRAN_WEBHOOK_NOTICE_EVERY_S', 1, 86_400);
  if (notices !== undefined) delivery.noticeEveryMs = notices * 1000;
  return {
    webhookKey: key,
    allowPrivateNetworks: allow === '1',
    delivery,
    alertsEveryMs: (wholeNumber(env, 'CADRAN_ALERTS_EVERY_S', 0, 86_400) ?? 60) * 1000,
  };
}
