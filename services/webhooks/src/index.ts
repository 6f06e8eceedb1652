export {
  createWebhooksService,
  type WebhooksService,
  type WebhookEndpointView,
  type WebhookDeliveryView,
} from './webhooks-service.js';
export { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './deliverer.js';
export { endpointSecret } from './endpoint-secret.js';
export { notificationsOf, CATALOGUE_EVENT_TYPES } from './catalogue.js';
