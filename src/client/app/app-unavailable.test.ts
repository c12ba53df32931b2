import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { paintAppUnavailable } from './app-unavailable.ts';

afterEach(() => document.body.replaceChildren());

describe('paintAppUnavailable', () => {
  it('says the app could not be loaded and offers a reload, in place of the page', () => {
    const root = document.createElement('div');
    root.textContent = 'the first frame';
    document.body.append(root);
    paintAppUnavailable(root);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading')).toHaveTextContent('The page could not be loaded');
    expect(alert).toHaveTextContent('Reload the page; if it keeps failing, check your connection.');
    expect(within(alert).getByRole('button', { name: 'Reload the page' })).toBeInTheDocument();
    expect(root).not.toHaveTextContent('the first frame');
  });
});
