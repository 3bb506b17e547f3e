import type { ReactNode } from 'react';
import { Link, ROUTES } from './router';
import { useSession } from './session';

/** Every signed-in page: where you are (Settings › Integration › Webhooks) and sign-out. */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const { signOut } = useSession();
  return (
    <>
      <header className="top">
        <nav aria-label="Breadcrumb">
          <ol className="breadcrumb">
            <li>Settings</li>
            <li>Integration</li>
            <li>
              <Link href={ROUTES.webhooks}>Webhooks</Link>
            </li>
          </ol>
        </nav>
        <button type="button" className="button quiet" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </>
  );
}
