import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { whenUnauthenticated } from './api/graphql';
import { savedSession, signOut, type Session } from './api/session';
import { SignInPage } from './pages/SignInPage';
import { canManageContracts, canRunInvoicing, isCustomer, readsEverything } from './roles';
import { Loading } from './ui/feedback';
import { lazyPage } from './ui/lazy-page';
import { Shell } from './ui/Shell';

// Each page is a chunk of its own, fetched when first shown: signing in loads none of them.
const ContractPage = lazyPage(() => import('./pages/contracts/ContractPage'), 'ContractPage');
const ContractsPage = lazyPage(() => import('./pages/contracts/ContractsPage'), 'ContractsPage');
const DraftContractPage = lazyPage(
  () => import('./pages/contracts/DraftContractPage'),
  'DraftContractPage',
);
const IncidentsPage = lazyPage(() => import('./pages/incidents/IncidentsPage'), 'IncidentsPage');
const BatchPage = lazyPage(() => import('./pages/invoicing/BatchPage'), 'BatchPage');
const InvoicePage = lazyPage(() => import('./pages/invoicing/InvoicePage'), 'InvoicePage');
const InvoicesPage = lazyPage(() => import('./pages/invoicing/InvoicesPage'), 'InvoicesPage');
const PartiesPage = lazyPage(() => import('./pages/parties/PartiesPage'), 'PartiesPage');
const ReceivablesPage = lazyPage(
  () => import('./pages/receivables/ReceivablesPage'),
  'ReceivablesPage',
);
const SitesPage = lazyPage(() => import('./pages/sites/SitesPage'), 'SitesPage');
const UsagePage = lazyPage(() => import('./pages/usage/UsagePage'), 'UsagePage');

const homeOf = (session: Session): string => {
  const { role } = session.viewer;
  if (role === 'FINANCE') return '/invoicing';
  if (isCustomer(role)) return '/usage';
  if (readsEverything(role)) return '/sites';
  return '/signed-in';
};

export const App = () => {
  const [session, setSession] = useState<Session | undefined>(savedSession);
  const [notice, setNotice] = useState<string>();
  const client = useQueryClient();

  const end = (message?: string) => {
    signOut();
    client.clear();
    setSession(undefined);
    setNotice(message);
  };
  useEffect(() => {
    whenUnauthenticated((message) => end(`Signed out: ${message}`));
  });

  if (!session)
    return (
      <SignInPage
        notice={notice}
        onSignedIn={(signedIn) => {
          client.clear();
          setNotice(undefined);
          setSession(signedIn);
        }}
      />
    );

  const { role } = session.viewer;
  return (
    <Shell viewer={session.viewer} onSignOut={() => end('You are signed out.')}>
      <Suspense fallback={<Loading what="Loading the page" />}>
        <Routes>
          <Route path="/" element={<Navigate to={homeOf(session)} replace />} />
          {readsEverything(role) && (
            <>
              <Route path="/sites" element={<SitesPage />} />
              <Route
                path="/parties"
                element={<PartiesPage canWrite={canManageContracts(role)} />}
              />
              <Route
                path="/incidents"
                element={<IncidentsPage canWrite={canManageContracts(role)} />}
              />
            </>
          )}
          {canManageContracts(role) && (
            <Route path="/contracts/new" element={<DraftContractPage />} />
          )}
          <Route path="/contracts" element={<ContractsPage viewer={session.viewer} />} />
          <Route
            path="/contracts/:id"
            element={<ContractPage canWrite={canManageContracts(role)} />}
          />
          {canRunInvoicing(role) && <Route path="/invoicing" element={<BatchPage />} />}
          {readsEverything(role) && <Route path="/receivables" element={<ReceivablesPage />} />}
          <Route path="/invoices" element={<InvoicesPage viewer={session.viewer} />} />
          <Route path="/invoices/:id" element={<InvoicePage canCredit={canRunInvoicing(role)} />} />
          {isCustomer(role) && (
            <Route path="/usage" element={<UsagePage viewer={session.viewer} />} />
          )}
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Shell>
  );
};

const NotFound = () => (
  <section className="page">
    <h1>Not found</h1>
    <p className="muted">This page does not exist, or is not part of what your role may see.</p>
  </section>
);
