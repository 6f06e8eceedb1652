import type { AlertsService } from '@cadran/alerts';
import type { SelfService } from '@cadran/gateway';
import type { InvoicingService } from '@cadran/invoicing';
import type { WebhooksService } from '@cadran/webhooks';

/** Invoicing's month-to-date, the webhooks and the alerts services as the gateway's `SelfService` port. */
export const createSelfServicePort = (parts: {
  invoicing: InvoicingService;
  webhooks: WebhooksService;
  alerts: AlertsService;
}): SelfService => {
  const { invoicing, webhooks, alerts } = parts;
  return {
    monthToDate: (contractId, at) => invoicing.monthToDate(contractId, at),
    registerWebhookEndpoint: (input, meta) => webhooks.registerEndpoint(input, meta),
    pauseWebhookEndpoint: (input, meta) => webhooks.pauseEndpoint(input, meta),
    resumeWebhookEndpoint: (input, meta) => webhooks.resumeEndpoint(input, meta),
    replayWebhookEndpoint: (input, meta) => webhooks.replayEndpoint(input, meta),
    removeWebhookEndpoint: (input, meta) => webhooks.removeEndpoint(input, meta),
    webhookEndpoint: (id) => webhooks.endpoint(id),
    webhookEndpoints: (owner) => webhooks.endpoints(owner),
    webhookDeliveries: (endpointId, page) => webhooks.deliveries(endpointId, page),
    defineAlertRule: (input, meta) => alerts.defineRule(input, meta),
    removeAlertRule: (input, meta) => alerts.removeRule(input, meta),
    alertRule: (id) => alerts.rule(id),
    alertRules: (filter) => alerts.rules(filter),
  };
};
