import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../../test/render-app.tsx';
import { stubApi } from '../../test/stub-api.ts';
import { LinkDialog, withHttps } from './link-dialog.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('withHttps', () => {
  it.each([
    ['zylker.com/quote', 'https://zylker.com/quote'],
    ['  www.zylker.com  ', 'https://www.zylker.com'],
    ['docs.example.org:8443/a?b=c#d', 'https://docs.example.org:8443/a?b=c#d'],
  ])('offers %j as %j', (typed, offered) => expect(withHttps(typed)).toBe(offered));

  it.each([
    'https://zylker.com',
    'ftp://zylker.com',
    'mailto:a@zylker.com',
    'localhost',
    'a b',
    '',
  ])('offers nothing for %j', (typed) => expect(withHttps(typed)).toBeNull());
});

describe('LinkDialog', () => {
  it('offers https:// for an address typed without it, and uses it when asked', async () => {
    stubApi({});
    // Keys without a pause between them: the words typed are what the test is about.
    const user = userEvent.setup({ delay: null });
    renderAt(<LinkDialog module="Contacts" recordId="1" onClose={() => {}} />);
    const field = await screen.findByRole('textbox', { name: /Address/ });
    await user.type(field, 'zylker.com/quote');
    await user.click(screen.getByRole('button', { name: 'Attach' }));
    expect(screen.getByText('Did you mean https://zylker.com/quote?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use it: https://zylker.com/quote' }));
    expect(field).toHaveValue('https://zylker.com/quote');
    expect(screen.queryByText(/Did you mean/)).toBeNull();
  });
});
