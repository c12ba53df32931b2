import { messages } from '../i18n/messages.ts';

const words = messages.errors.CLIENT_CODE_UNAVAILABLE;

/**
 * Said with the DOM alone when the app's own code does not arrive (no React to draw a banner):
 * what happened and a reload, in place of whatever the page showed.
 */
export function paintAppUnavailable(root: HTMLElement): void {
  const alert = document.createElement('div');
  alert.setAttribute('role', 'alert');
  alert.style.cssText = 'padding: 24px; font: 1rem/1.5 Roboto, Helvetica, Arial, sans-serif';
  const title = document.createElement('h1');
  title.style.cssText = 'margin: 0 0 8px; font-size: 1.25rem; font-weight: 500';
  title.textContent = words.title;
  const what = document.createElement('p');
  what.textContent = words.what;
  const todo = document.createElement('p');
  todo.textContent = words.todo;
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = messages.errorBanner.reload;
  reload.addEventListener('click', () => window.location.reload());
  alert.append(title, what, todo, reload);
  root.replaceChildren(alert);
}
