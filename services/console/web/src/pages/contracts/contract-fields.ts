/** The contract as the console's pages read it. */
export const CONTRACT_FIELDS = `id status billTo startsAt endsAt billingTimeZone paymentTermsDays currency
  tenant { id name partner { id name } } site { id name timeZone gpuInventory { gpuModel count } }`;

export type ContractRow = {
  id: string;
  status: string;
  billTo: string;
  startsAt: string;
  endsAt: string | null;
  billingTimeZone: string;
  paymentTermsDays: number;
  currency: string;
  tenant: { id: string; name: string; partner: { id: string; name: string } | null };
  site: {
    id: string;
    name: string;
    timeZone: string;
    gpuInventory: { gpuModel: string; count: number }[];
  };
};
