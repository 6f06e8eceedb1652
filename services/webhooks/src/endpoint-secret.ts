import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Each endpoint's signing secret is derived from the platform's webhook key and the endpoint id,
 * so no secret is written to the log and every instance sharing the key signs alike.
 */
export const endpointSecret = (key: string, endpointId: string): string =>
  `whsec_${createHmac('sha256', key).update(`webhook-endpoint:${endpointId}`).digest('base64')}`;

/** Standard Webhooks headers (also what Svix sends): id, Unix-seconds timestamp, `v1,<base64 HMAC-SHA256>`. */
export function signedHeaders(secret: string, id: string, at: Date, body: string) {
  return {
    'webhook-id': id,
    'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}
