/**
 * The organisation's API key for this tab: session storage only, so it ends with the tab
 * and never sits in a URL, a cookie or local storage.
 */
const STORAGE_KEY = 'webhooks.api-key';

export const apiKeyStore = {
  get(): string | null {
    return window.sessionStorage.getItem(STORAGE_KEY);
  },
  set(key: string): void {
    window.sessionStorage.setItem(STORAGE_KEY, key);
  },
  clear(): void {
    window.sessionStorage.removeItem(STORAGE_KEY);
  },
};
