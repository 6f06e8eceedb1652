/** Stream names: one prefix per stream kind, then the entity id (or the site id for usage and energy). */
export const streams = {
  site: (siteId: string) => `site-${siteId}`,
  partner: (partnerId: string) => `partner-${partnerId}`,
  tenant: (tenantId: string) => `tenant-${tenantId}`,
  contract: (contractId: string) => `contract-${contractId}`,
  incident: (incidentId: string) => `incident-${incidentId}`,
  usage: (siteId: string) => `usage-${siteId}`,
  energy: (siteId: string) => `energy-${siteId}`,
} as const;

export const STREAM_PREFIXES = {
  site: 'site-',
  partner: 'partner-',
  tenant: 'tenant-',
  contract: 'contract-',
  incident: 'incident-',
  usage: 'usage-',
  energy: 'energy-',
} as const;
