/**
 * A full page load away from the app, e.g. to the proxy's sign-in, which then sends the browser
 * to Zoho. One function, so that tests can watch it: jsdom's `location` cannot be spied on.
 */
export function leaveTo(url: string): void {
  window.location.assign(url);
}
