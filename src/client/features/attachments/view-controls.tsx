import SortIcon from '@mui/icons-material/Sort';
import { Badge } from '@mui/material';
import {
  ColumnsPanelTrigger,
  GridArrowDownwardIcon,
  GridArrowUpwardIcon,
  GridFilterListIcon,
  GridViewColumnIcon,
  ToolbarButton,
} from '@mui/x-data-grid';
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import type { Choice } from './choice-menu-list.tsx';
import { tooltip } from '../../components/tooltip-host.tsx';
import { messages } from '../../i18n/messages.ts';
import {
  FILE_TYPES,
  SORTABLE_FIELDS,
  type FileType,
  type GridSort,
  type GridViewState,
} from './grid-view-state.ts';

const words = messages.attachments;

// The menus load when first opened: the record page's first load carries none of their code.
const ChoiceMenuList = lazy(() =>
  import('./choice-menu-list.tsx').then((m) => ({ default: m.ChoiceMenuList })),
);

declare module '@mui/x-data-grid' {
  /** The grid's own toolbar (GridToolbar) takes its main controls in place of its defaults. */
  interface ToolbarPropsOverrides {
    mainControls?: ReactNode;
  }
}

interface ViewControlsProps {
  view: GridViewState;
  onChange: (patch: Partial<GridViewState>) => void;
  /** The list layout has no column headers to sort by, nor columns to choose. */
  layout: 'table' | 'list';
}

/**
 * The grid toolbar's own controls, before its search: the file-type filter, and either the
 * columns panel (table) or a sort menu (list). Inside the grid, as its toolbar's main controls;
 * their tooltips are the grid's TooltipHost's.
 */
export function ViewControls({ view, onChange, layout }: ViewControlsProps) {
  return (
    <>
      <TypeFilter type={view.type} onChange={(type) => onChange({ type, page: 0 })} />
      {layout === 'list' ? (
        <SortMenu sort={view.sort} onChange={(sort) => onChange({ sort, page: 0 })} />
      ) : (
        <ColumnsPanelTrigger
          render={<ToolbarButton />}
          aria-label={messages.attachments.columnsButton}
          {...tooltip(messages.attachments.columnsButton)}
        >
          <GridViewColumnIcon fontSize="small" />
        </ColumnsPanelTrigger>
      )}
    </>
  );
}

function TypeFilter({
  type,
  onChange,
}: {
  type: FileType | null;
  onChange: (type: FileType | null) => void;
}) {
  const current = type ? words.typeFilter[type] : words.typeFilter.all;
  const choices: [FileType | null, string][] = [
    [null, words.typeFilter.all],
    ...FILE_TYPES.map((t): [FileType, string] => [t, words.typeFilter[t]]),
  ];
  return (
    <ChoiceMenu
      label={words.typeFilter.button(current)}
      menuLabel={words.typeFilter.menu}
      icon={
        <Badge variant="dot" color="primary" invisible={!type}>
          <GridFilterListIcon fontSize="small" />
        </Badge>
      }
      // A filter in force says so in words, not only with a dot.
      text={type ? current : null}
      choices={choices.map(([value, text]) => ({
        key: value ?? 'all',
        text,
        checked: value === type,
        choose: () => onChange(value),
      }))}
    />
  );
}

function SortMenu({
  sort,
  onChange,
}: {
  sort: GridSort | null;
  onChange: (sort: GridSort | null) => void;
}) {
  const column = (field: GridSort['field']) => words.columns[field];
  const current = sort ? words.sortMenu.choice(column(sort.field), sort.direction) : null;
  const choices = SORTABLE_FIELDS.flatMap((field) =>
    (['asc', 'desc'] as const).map((direction) => ({
      key: `${field}.${direction}`,
      text: words.sortMenu.choice(column(field), direction),
      checked: sort?.field === field && sort.direction === direction,
      choose: () => onChange({ field, direction }),
    })),
  );
  return (
    <ChoiceMenu
      label={words.sortMenu.button(current ?? words.sortMenu.none)}
      menuLabel={words.sortMenu.menu}
      icon={
        !sort ? (
          <SortIcon fontSize="small" />
        ) : sort.direction === 'desc' ? (
          <GridArrowDownwardIcon fontSize="small" />
        ) : (
          <GridArrowUpwardIcon fontSize="small" />
        )
      }
      text={sort ? words.sortMenu.short(column(sort.field), sort.direction) : null}
      choices={[
        { key: 'none', text: words.sortMenu.none, checked: !sort, choose: () => onChange(null) },
        ...choices,
      ]}
    />
  );
}

/** A toolbar button that says its choice in words beside its icon. */
const TEXT_BUTTON = {
  width: 'auto',
  paddingInline: 8,
  gap: 4,
  borderRadius: 16,
  fontSize: '0.8125rem',
} as const;

/** A toolbar button opening a menu of exclusive choices (menuitemradio). */
function ChoiceMenu({
  label,
  menuLabel,
  icon,
  text,
  choices,
}: {
  label: string;
  menuLabel: string;
  icon: ReactNode;
  /** Words beside the icon, when there is something to say. */
  text: string | null;
  choices: Choice[];
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const open = anchor !== null;
  const menuId = useId();
  return (
    <>
      <ToolbarButton
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : undefined}
        aria-controls={open ? menuId : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        style={text ? TEXT_BUTTON : undefined}
        {...tooltip(label)}
      >
        {icon}
        {text}
      </ToolbarButton>
      {anchor && (
        <Suspense fallback={null}>
          <ChoiceMenuList
            id={menuId}
            anchor={anchor}
            label={menuLabel}
            choices={choices}
            onClose={() => setAnchor(null)}
          />
        </Suspense>
      )}
    </>
  );
}
