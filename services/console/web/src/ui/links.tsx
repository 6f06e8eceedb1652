import type { ReactNode } from 'react';
import { Link } from 'react-router';

type To = { id: string; className?: string; children?: ReactNode };

/** A link to a contract's page (a chip in a list of contracts). */
export const ContractLink = ({ id, className, children }: To) => (
  <Link to={`/contracts/${encodeURIComponent(id)}`} className={className}>
    {children ?? id}
  </Link>
);

/** A link to an invoice's page (by its id or its number). */
export const InvoiceLink = ({ id, className, children }: To) => (
  <Link to={`/invoices/${encodeURIComponent(id)}`} className={className}>
    {children ?? id}
  </Link>
);
