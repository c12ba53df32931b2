import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { RowActionsMenuList } from './row-actions-menu-list.tsx';
import { testRow } from './test-rows.ts';

const handlers = {
  module: 'Contacts',
  recordId: '4150868000002728301',
  can: { download: true, upload: true, delete: true },
  onPreview: vi.fn(),
  onDelete: vi.fn(),
};

describe("a row's menu (the phone's and a narrow widget's layout)", () => {
  it('opens a link in a new tab, naming its attachment though the menu is outside the row', () => {
    const anchor = document.createElement('button');
    document.body.append(anchor);
    const link = {
      ...testRow('4150868000004100301', 'Proposal'),
      $link_url: 'https://example.com/p',
    };
    render(
      <RowActionsMenuList
        menuId="m"
        anchor={anchor}
        row={link}
        handlers={handlers}
        close={vi.fn()}
      />,
    );

    const open = screen.getByRole('menuitem', { name: 'Open Proposal (opens in a new tab)' });
    expect(open).toHaveAttribute('href', 'https://example.com/p');
    expect(open).toHaveAttribute('target', '_blank');
    // The embedded widget tells its host which attachment was opened by this id (use-file-opened).
    expect(open.closest('[data-id]')).toHaveAttribute('data-id', '4150868000004100301');
    anchor.remove();
  });
});
