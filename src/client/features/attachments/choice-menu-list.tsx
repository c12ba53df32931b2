import { Menu, MenuItem } from '@mui/material';

export interface Choice {
  key: string;
  text: string;
  checked: boolean;
  choose: () => void;
}

/** The open menu of a toolbar's exclusive choices (menuitemradio): loaded when first opened. */
export function ChoiceMenuList({
  id,
  anchor,
  label,
  choices,
  onClose,
}: {
  id: string;
  anchor: HTMLElement;
  label: string;
  choices: Choice[];
  onClose: () => void;
}) {
  return (
    <Menu
      id={id}
      anchorEl={anchor}
      open
      onClose={onClose}
      slotProps={{ list: { 'aria-label': label, dense: true } }}
    >
      {choices.map((choice) => (
        <MenuItem
          key={choice.key}
          role="menuitemradio"
          aria-checked={choice.checked}
          selected={choice.checked}
          onClick={() => {
            onClose();
            if (!choice.checked) choice.choose();
          }}
        >
          {choice.text}
        </MenuItem>
      ))}
    </Menu>
  );
}
