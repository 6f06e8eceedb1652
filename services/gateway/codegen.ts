import type { CodegenConfig } from '@graphql-codegen/cli';

/** Resolver types from the schema, made at install (`prepare`): src/generated/ is not committed. */
const config: CodegenConfig = {
  schema: 'src/schema.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.js#GatewayContext',
        scalars: { ID: 'string', DateTime: 'string', Decimal: 'string', Period: 'string' },
        // Each object type as its resolvers receive it: the read models' views.
        mappers: {
          Site: '@cadran/projections#SiteView',
          Partner: '@cadran/projections#PartnerView',
          Tenant: '@cadran/projections#TenantView',
          Contract: '@cadran/projections#ContractView',
          Reservation: '@cadran/projections#ReservationView',
          PowerCommitment: '@cadran/projections#PowerCommitmentView',
          Incident: '@cadran/projections#IncidentView',
          IncidentImpact: '@cadran/projections#IncidentImpactView',
          SiteCapacity: '@cadran/projections#SiteCapacityView',
          CapacityCommitment: '@cadran/projections#CapacityCommitmentView',
          UsageReport: '@cadran/projections#UsageReportView',
          Invoice: '../ports.js#InvoiceView',
          InvoiceBatch: '../ports.js#InvoiceBatchView',
          CreditNote: '../ports.js#CreditNoteView',
          WebhookEndpoint: '../ports.js#WebhookEndpointPortView',
          AlertRule: '../ports.js#AlertRulePortView',
        },
      },
    },
  },
};

export default config;
