import { useEffect, useRef, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router';
import type { Viewer } from '../api/session';
import { canRunInvoicing, isCustomer, readsEverything, ROLE_NAMES } from '../roles';

type Item = { to: string; label: string };

const itemsOf = (viewer: Viewer): Item[] => {
  const { role } = viewer;
  const items: Item[] = [];
  if (isCustomer(role)) items.push({ to: '/usage', label: 'Usage' });
  if (readsEverything(role) && role !== 'FINANCE')
    items.push({ to: '/sites', label: 'Sites & capacity' });
  if (readsEverything(role) && role !== 'FINANCE')
    items.push({ to: '/parties', label: 'Partners & tenants' });
  items.push({ to: '/contracts', label: 'Contracts' });
  if (readsEverything(role) && role !== 'FINANCE')
    items.push({ to: '/incidents', label: 'SLA incidents' });
  if (canRunInvoicing(role)) items.push({ to: '/invoicing', label: 'Invoicing batches' });
  items.push({
    to: '/invoices',
    label: role === 'TENANT' || role === 'PARTNER' ? 'Invoices' : 'Invoices & credit notes',
  });
  if (readsEverything(role)) items.push({ to: '/receivables', label: 'Receivables' });
  if (role === 'FINANCE') items.push({ to: '/sites', label: 'Sites & capacity' });
  return items;
};

const scopeOf = (viewer: Viewer) =>
  viewer.tenantId
    ? `tenant ${viewer.tenantId}`
    : viewer.partnerId
      ? `partner ${viewer.partnerId}`
      : viewer.subject;

export const Shell = ({
  viewer,
  onSignOut,
  children,
}: {
  viewer: Viewer;
  onSignOut: () => void;
  children: ReactNode;
}) => {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  // After signing in or moving to another page, keyboard and screen-reader users start at its content.
  useEffect(() => {
    main.current?.focus();
  }, [pathname]);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◷
          </span>
          Cadran
        </div>
        <nav aria-label="Main">
          <ul>
            {itemsOf(viewer).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="workspace">
        <header className="topbar">
          <span className="who">
            <strong>{ROLE_NAMES[viewer.role]}</strong>{' '}
            <span className="muted">· {scopeOf(viewer)}</span>
          </span>
          <button type="button" className="secondary" onClick={onSignOut}>
            Sign out
          </button>
        </header>
        <main id="main" tabIndex={-1} ref={main}>
          {children}
        </main>
      </div>
    </div>
  );
};
