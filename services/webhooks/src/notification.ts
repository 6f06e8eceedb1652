import type { JsonObject } from '@cadran/event-store';
import type { WebhookNotificationType } from '@cadran/domain';

/** Who a notification concerns: its tenants and partners. The operator's endpoints get every one. */
export type Audience = { tenantIds: string[]; partnerIds: string[] };

/**
 * One message of the catalogue. `id` is stable: the same fact gives the same id however often it
 * is delivered or replayed, so a receiver deduplicates on it.
 */
export type Notification = {
  id: string;
  type: WebhookNotificationType;
  /** The log position of the event it comes from (for time-driven notices, the position reached when it fell due). */
  position: bigint;
  occurredAt: string;
  audience: Audience;
  data: JsonObject;
};

/** The body POSTed to an endpoint. */
export const notificationBody = (notification: Notification): string =>
  JSON.stringify({
    id: notification.id,
    type: notification.type,
    occurredAt: notification.occurredAt,
    position: notification.position.toString(),
    data: notification.data,
  });

export const audienceOf = (
  ...parties: { tenantId?: string | null; partnerId?: string | null }[]
) => {
  const tenantIds = new Set<string>();
  const partnerIds = new Set<string>();
  for (const party of parties) {
    if (party.tenantId) tenantIds.add(party.tenantId);
    if (party.partnerId) partnerIds.add(party.partnerId);
  }
  return { tenantIds: [...tenantIds].sort(), partnerIds: [...partnerIds].sort() };
};
