import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/** The page addresses of the web app (management answers each with index.html). */
export const ROUTES = {
  signIn: '/sign-in',
  webhooks: '/settings/integration/webhooks',
  newWebhook: '/settings/integration/webhooks/new',
  webhook: (id: string) => `/settings/integration/webhooks/${id}`,
  editWebhook: (id: string) => `/settings/integration/webhooks/${id}/edit`,
};

export type Route =
  | { page: 'sign-in' }
  | { page: 'webhooks' }
  | { page: 'new-webhook' }
  | { page: 'webhook'; id: string }
  | { page: 'edit-webhook'; id: string };

/** Which page an address shows; unknown addresses show the webhooks list. */
export function matchRoute(path: string): Route {
  if (path === ROUTES.signIn) return { page: 'sign-in' };
  const match = /^\/settings\/integration\/webhooks(?:\/([^/]+)(\/edit)?)?\/?$/.exec(path);
  if (!match?.[1]) return { page: 'webhooks' };
  if (match[1] === 'new') return { page: 'new-webhook' };
  return match[2] ? { page: 'edit-webhook', id: match[1] } : { page: 'webhook', id: match[1] };
}

const NAVIGATED = 'webhooks:navigated';

export function navigate(path: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

/** The current path, following links and the back button. */
export function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return path;
}

/** A real link (it opens in a new tab too) that navigates in place on a plain click. */
export function Link({
  href,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={onClick} {...rest} />;
}
