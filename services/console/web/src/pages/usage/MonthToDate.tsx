import { useRead } from '../../api/hooks';
import { dateTime, money, period as monthName } from '../../format';
import { ErrorNote } from '../../ui/feedback';

type Charges = {
  monthToDateCharges: {
    contract: { id: string; billingTimeZone: string };
    period: string;
    asOf: string;
    invoice: { subtotal: string; total: string; currency: string };
  }[];
};
const CHARGES = `query MonthToDate($contractId: ID) { monthToDateCharges(contractId: $contractId) {
  contract { id billingTimeZone } period asOf invoice { subtotal total currency } } }`;

/** The current month priced with what is known now, per contract of the tenant. */
export const MonthToDate = ({ contractIds }: { contractIds: string[] }) => (
  <dl className="facts">
    {contractIds.map((contractId) => (
      <ContractMonthToDate key={contractId} contractId={contractId} />
    ))}
  </dl>
);

const ContractMonthToDate = ({ contractId }: { contractId: string }) => {
  const charges = useRead<Charges>(CHARGES, { contractId });
  if (charges.error) return <ErrorNote error={charges.error} />;
  return (
    <>
      {(charges.data?.monthToDateCharges ?? []).map((row) => (
        <div key={row.contract.id}>
          <dt>
            {monthName(row.period)} to date · {row.contract.id}
          </dt>
          <dd>
            <strong>{money(row.invoice.total, row.invoice.currency)}</strong>{' '}
            <span className="muted small">
              incl. VAT ({money(row.invoice.subtotal, row.invoice.currency)} excl.), as of{' '}
              {dateTime(row.asOf, row.contract.billingTimeZone)}
            </span>
          </dd>
        </div>
      ))}
    </>
  );
};
