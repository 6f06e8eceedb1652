/** A payment waiting for finance to say whose it is (`payments(unmatched: true)`). */
export type UnmatchedPayment = {
  id: string;
  amount: string;
  currency: string;
  valueDate: string;
  payerName: string;
  bankReference: string | null;
  remittance: string;
  unallocated: string;
  state: string;
};
