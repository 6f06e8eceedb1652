/** Stream names: one prefix per stream kind, then the entity id (or the site id for usage and energy). */
export const streams = {
  site: (siteId: string) => `site-${siteId}`,
  partner: (partnerId: string) => `partner-${partnerId}`,
  tenant: (tenantId: string) => `tenant-${tenantId}`,
  contract: (contractId: string) => `contract-${contractId}`,
  /**
   * A tenant at a site. Ids may hold '-', never '.', so the pair is unambiguous; the prefix is not
   * `tenant-`, whose followers expect TenantOnboarded streams.
   */
  tenancy: (tenantId: string, siteId: string) => `tenancy-${tenantId}.${siteId}`,
  reservation: (reservationId: string) => `reservation-${reservationId}`,
  powerCommitment: (commitmentId: string) => `power-commitment-${commitmentId}`,
  incident: (incidentId: string) => `incident-${incidentId}`,
  usage: (siteId: string) => `usage-${siteId}`,
  energy: (siteId: string) => `energy-${siteId}`,
  webhookEndpoint: (endpointId: string) => `webhook-endpoint-${endpointId}`,
  alertRule: (ruleId: string) => `alert-rule-${ruleId}`,
} as const;

export const STREAM_PREFIXES = {
  site: 'site-',
  partner: 'partner-',
  tenant: 'tenant-',
  contract: 'contract-',
  tenancy: 'tenancy-',
  reservation: 'reservation-',
  powerCommitment: 'power-commitment-',
  incident: 'incident-',
  usage: 'usage-',
  energy: 'energy-',
  webhookEndpoint: 'webhook-endpoint-',
  alertRule: 'alert-rule-',
} as const;
