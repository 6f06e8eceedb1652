import type { Receivables } from '@cadran/gateway';
import type { ReceivablesService } from '@cadran/receivables-service';

/** The receivables service as the gateway's `Receivables` port. */
export const createReceivablesPort = (service: ReceivablesService): Receivables => ({
  recordPayment: (input, meta) => service.recordPayment(input, meta),
  importBankStatement: async (input, meta) => {
    const { position, events: _events, ...statement } = await service.importStatement(input, meta);
    return { id: statement.statementId, position, statement };
  },
  allocatePayment: (input, meta) => service.allocatePayment(input, meta),
  reverseAllocation: (input, meta) => service.reverseAllocation(input, meta),
  returnPayment: (input, meta) => service.returnPayment(input, meta),
  refundCredit: (input, meta) => service.refundCredit(input, meta),
  issueReminders: async (asOf, meta) => {
    const { id, position, events } = await service.issueReminders(asOf, meta);
    return { id, position, reminders: events.map((event) => event.data) };
  },
  issueLateCharges: async (input, meta) => {
    const { id, position, document } = await service.issueLateCharges(input, meta);
    return { id, position, document };
  },
  payment: (id) => service.payment(id),
  payments: (party) => service.payments(party),
  invoiceSettlement: (idOrNumber, asOf) => service.invoice(idOrNumber, asOf),
  account: (party, asOf) => service.account(party, asOf),
  ageing: (asOf, party) => service.ageing(asOf, party),
  statement: (party, from, to) => service.statement(party, from, to),
  reminders: (party) => service.reminders(party),
});
