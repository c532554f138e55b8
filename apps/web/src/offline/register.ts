/**
 * Registers the service worker (dist/sw.js, built by build/offline.ts) that keeps the page, the model
 * and tfjs's WebAssembly in this browser, and says on the page once that is done.
 */
export function registerOffline(status: HTMLElement): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register(`${import.meta.env.BASE_URL}sw.js`)
    .then(() => navigator.serviceWorker.ready)
    .then(
      () => {
        status.textContent = 'Works offline: this page and its model are saved in this browser.';
        document.body.dataset.offlineReady = 'true';
      },
      (err: unknown) => {
        status.textContent = `Offline use is not available here: ${err instanceof Error ? err.message : String(err)}`;
      },
    );
}
