import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAttachment } from './download.ts';
import { testRow } from './test-rows.ts';

/** The anchors clicked on the page, as a listener on the document sees them (the widget's is). */
let clicked: HTMLAnchorElement[] = [];
const watch = (event: Event) => {
  if (event.target instanceof HTMLAnchorElement) clicked.push(event.target);
};
// jsdom does not navigate: the anchors' default actions are stopped once every listener has run.
const stopNavigation = (event: Event) => event.preventDefault();
beforeEach(() => {
  clicked = [];
  document.addEventListener('click', watch, true);
  window.addEventListener('click', stopNavigation);
});
afterEach(() => {
  document.removeEventListener('click', watch, true);
  window.removeEventListener('click', stopNavigation);
});

describe('a row opened by Enter, as its button would', () => {
  it('opens a link attachment in a new tab, on an anchor that names the row as the grid does', () => {
    const link = {
      ...testRow('4150868000004100301', 'Proposal'),
      $link_url: 'https://example.com/p',
    };
    openAttachment('Contacts', '4150868000002728301', link);

    expect(clicked).toHaveLength(1);
    expect(clicked[0]).toMatchObject({ href: 'https://example.com/p', target: '_blank' });
    // The embedded widget tells its host which attachment was opened by this id (use-file-opened).
    expect(clicked[0]?.closest('[data-id]')?.getAttribute('data-id')).toBe('4150868000004100301');
    expect(document.querySelector('a')).toBeNull();
  });

  it('downloads a file through the proxy', () => {
    openAttachment('Contacts', '4150868000002728301', testRow('4150868000004100302', 'a.pdf'));

    expect(clicked).toHaveLength(1);
    expect(clicked[0]?.getAttribute('href')).toBe(
      '/api/records/Contacts/4150868000002728301/attachments/4150868000004100302',
    );
    expect(clicked[0]?.hasAttribute('download')).toBe(true);
  });
});
