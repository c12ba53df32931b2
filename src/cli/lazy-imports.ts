import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * An import to load lazily: a default one (`import Name from "<specifier>";`), or one name of a
 * named import (`import { ..., Name, ... } from "<from>";`), then loaded from the file that
 * defines it (`file`), not through an index that re-exports everything.
 */
export type LazyImport =
  | string
  | {
      name: string;
      from: string;
      file: string;
      /** When `name` is a render function, `(params) => <component {...params} />`. */
      renders?: string;
    }
  /** A library feature this app does not have, left out: `name` is `stub` (an expression). */
  | { name: string; from: string; stub: string };

/** A library module, and the components it imports that are to load only when first shown. */
export interface LazyImports {
  module: RegExp;
  imports: LazyImport[];
}

const grid = (name: string, file: string): LazyImport => ({
  name,
  from: '../components/index.mjs',
  file: `../components/${file}`,
});

const colDef = (file: string) =>
  new RegExp(String.raw`[\\/]@mui[\\/]x-data-grid[\\/]colDef[\\/]${file}\.mjs$`);

/** A column type's cell for editing (or for long text), drawn only when a cell is. */
const cells = (file: string, render: string, component: string): LazyImports[] => {
  const cellFile = `../components/cell/${component}.mjs`;
  return [
    {
      module: colDef(file),
      imports: [{ name: render, from: cellFile, file: cellFile, renders: component }],
    },
  ];
};

/** A column type's filter inputs, drawn only in the filter panel. */
const filterInputs = (file: string, names: string[]): LazyImports[] => [
  {
    module: colDef(file),
    imports: names.map((name) => {
      const inputFile = `../components/panel/filterPanel/${name}.mjs`;
      return { name, from: inputFile, file: inputFile };
    }),
  },
];

/**
 * In place of the grid's cell or row editing hook (in useGridEditing.mjs, which imports React and
 * useGridApiMethod): the API the rest of the grid asks of it, every cell and row in view mode.
 */
const viewOnly = (kind: 'Cell' | 'Row') => {
  const leftOut = `() => { throw new Error(${JSON.stringify(LEFT_OUT)}); }`;
  return `(apiRef, props) => {
  if (props.columns.some((column) => column.editable)) (${leftOut})();
  const api = React.useMemo(() => ({ get${kind}Mode: () => "view", start${kind}EditMode: ${leftOut}, stop${kind}EditMode: ${leftOut} }), []);
  const privateApi = React.useMemo(() => ({ set${kind}EditingEditCellValue: ${leftOut}, getRowWithUpdatedValuesFrom${kind}Editing: (id) => apiRef.current.getRow(id) }), [apiRef]);
  useGridApiMethod(apiRef, api, "public");
  useGridApiMethod(apiRef, privateApi, "private");
}`;
};
const LEFT_OUT = "The data grid's editing is left out of this build (src/cli/lazy-imports.ts)";

/** In place of a grid feature's hook: nothing, and an error if the grid is given that feature. */
const leftOutUnless = (prop: string, feature: string) =>
  `(_apiRef, props) => { if (props.${prop}) throw new Error(${JSON.stringify(
    `${feature} is left out of this build (src/cli/lazy-imports.ts)`,
  )}); }`;

/**
 * What the record page's first visit need not download (measured with the deep link's first
 * visit, `CLIENT_BENCH=bytes npm run bench -- client`):
 * - the data grid's default slots (material/index.mjs) import every MUI component any grid
 *   might draw with: the filter panel's Autocomplete (with Chip), the panels' and menus' Popper
 *   (with Popper.js), and Switch, Tabs and ToggleButton, which only the paid grids use;
 * - the grid's panels (columns, filters) and its column menu, drawn when opened;
 * - MUI's Tooltip imports its Popper, which only an open tooltip draws;
 * - the grid's print export, row spanning, data source and editing, which this app does not
 *   use.
 */
export const LAZY_IMPORTS: LazyImports[] = [
  {
    module: /[\\/]@mui[\\/]x-data-grid[\\/]material[\\/]index\.mjs$/,
    imports: [
      '@mui/material/Autocomplete',
      '@mui/material/Chip',
      '@mui/material/Popper',
      '@mui/material/Switch',
      '@mui/material/Tabs',
      '@mui/material/Tab',
      '@mui/material/ToggleButton',
    ],
  },
  {
    module: /[\\/]@mui[\\/]x-data-grid[\\/]constants[\\/]defaultGridSlotsComponents\.mjs$/,
    imports: [
      grid('GridPanel', 'panel/GridPanel.mjs'),
      grid('GridColumnsPanel', 'panel/GridColumnsPanel.mjs'),
      grid('GridColumnsManagement', 'columnsManagement/GridColumnsManagement.mjs'),
      grid('GridFilterPanel', 'panel/filterPanel/GridFilterPanel.mjs'),
      grid('GridFilterFormColumnInput', 'panel/filterPanel/GridFilterFormColumnInput.mjs'),
      {
        name: 'GridColumnMenu',
        from: '../components/menu/columnMenu/GridColumnMenu.mjs',
        file: '../components/menu/columnMenu/GridColumnMenu.mjs',
      },
    ],
  },
  ...cells('gridStringColDef', 'renderEditInputCell', 'GridEditInputCell'),
  ...cells('gridDateColDef', 'renderEditDateCell', 'GridEditDateCell'),
  ...cells('gridSingleSelectColDef', 'renderEditSingleSelectCell', 'GridEditSingleSelectCell'),
  ...cells('gridBooleanColDef', 'renderEditBooleanCell', 'GridEditBooleanCell'),
  ...cells('gridLongTextColDef', 'renderEditLongTextCell', 'GridEditLongTextCell'),
  ...cells('gridLongTextColDef', 'renderLongTextCell', 'GridLongTextCell'),
  ...filterInputs('gridStringOperators', ['GridFilterInputValue', 'GridFilterInputMultipleValue']),
  ...filterInputs('gridNumericOperators', ['GridFilterInputValue', 'GridFilterInputMultipleValue']),
  ...filterInputs('gridDateOperators', ['GridFilterInputDate']),
  ...filterInputs('gridSingleSelectOperators', [
    'GridFilterInputSingleSelect',
    'GridFilterInputMultipleSingleSelect',
  ]),
  {
    // The grid's print export, row spanning and data source, which this app's grid does not
    // offer (its toolbar's print button is off; its rows come from use-record-rows.ts): left
    // out. A grid given rowSpanning or a dataSource says so at once.
    module: /[\\/]@mui[\\/]x-data-grid[\\/]DataGrid[\\/]useDataGridComponent\.mjs$/,
    imports: [
      {
        name: 'useGridPrintExport',
        from: '../hooks/features/export/useGridPrintExport.mjs',
        stub: '() => {}',
      },
      {
        name: 'useGridRowSpanning',
        from: '../hooks/features/rows/useGridRowSpanning.mjs',
        stub: leftOutUnless('rowSpanning', "The data grid's row spanning"),
      },
      {
        name: 'useGridDataSource',
        from: '../hooks/features/dataSource/useGridDataSource.mjs',
        stub: leftOutUnless('dataSource', "The data grid's dataSource"),
      },
    ],
  },
  {
    // Editing, which this app's grid does not offer (no column is editable): cells and rows
    // are always viewed. A grid with an editable column says so at once.
    module: /[\\/]@mui[\\/]x-data-grid[\\/]hooks[\\/]features[\\/]editing[\\/]useGridEditing\.mjs$/,
    imports: [
      { name: 'useGridCellEditing', from: './useGridCellEditing.mjs', stub: viewOnly('Cell') },
      { name: 'useGridRowEditing', from: './useGridRowEditing.mjs', stub: viewOnly('Row') },
    ],
  },
  {
    module: /[\\/]@mui[\\/]material[\\/]Tooltip[\\/]Tooltip\.mjs$/,
    imports: ['../Popper/index.mjs'],
  },
];

const LAZY_PART = fileURLToPath(new URL('../client/lib/lazy-part.tsx', import.meta.url));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const lazyLoad = ({ name, file, renders }: { name: string; file: string; renders?: string }) => {
  const load = `import(${JSON.stringify(file)}).then((m) => ({ default: m.${renders ?? name} }))`;
  return `${renders ? '__lazyRender' : '__lazyPart'}(() => ${load})`;
};

/**
 * Rewrites each listed import of a module into a component that loads its code when it first has
 * something to show (lazyPart). Fails when a listed import is no longer written so (the library
 * changed): the bytes would come back unnoticed otherwise.
 */
export function rewriteLazyImports(code: string, imports: LazyImport[]): string {
  let rewritten = code;
  for (const wanted of imports) {
    const from = typeof wanted === 'string' ? wanted : wanted.from;
    const statement = new RegExp(
      String.raw`^import (\w+|\{[^}]*\}) from (["'])${escape(from)}\2;?`,
      'm',
    );
    const found = statement.exec(rewritten);
    const names = found?.[1]?.startsWith('{')
      ? found[1]
          .slice(1, -1)
          .split(',')
          .map((n) => n.trim())
      : [];
    if (typeof wanted === 'string') {
      if (!found || names.length > 0) throw new Error(`no \`import Name from "${from}"\``);
      const lazy = `const ${found[1]} = __lazyPart(() => import(${JSON.stringify(from)}));`;
      rewritten = rewritten.replace(statement, lazy);
    } else {
      if (!names.includes(wanted.name))
        throw new Error(`no \`import { ${wanted.name} } from "${from}"\``);
      const rest = names.filter((n) => n !== wanted.name);
      const lazy = `const ${wanted.name} = ${'stub' in wanted ? wanted.stub : lazyLoad(wanted)};`;
      const kept = rest.length > 0 ? `import { ${rest.join(', ')} } from "${from}"; ` : '';
      rewritten = rewritten.replace(statement, `${kept}${lazy}`);
    }
  }
  const helpers = 'lazyPart as __lazyPart, lazyRender as __lazyRender';
  // On the first line, as each rewrite stays on its own: the module's lines keep their numbers,
  // and the source maps that say nothing of this rewrite stay true to the line.
  return `import { ${helpers} } from ${JSON.stringify(LAZY_PART)}; ${rewritten}`;
}

/** The build's side of LAZY_IMPORTS (the dev server and the tests keep the libraries as they are). */
export function lazyImports(lists: LazyImports[] = LAZY_IMPORTS): Plugin {
  const seen = new Set<LazyImports>();
  return {
    name: 'lazy-imports',
    apply: 'build',
    buildStart() {
      seen.clear();
    },
    transform(code, id) {
      const matching = lists.filter((l) => l.module.test(id.split('?')[0] ?? id));
      if (matching.length === 0) return undefined;
      for (const list of matching) seen.add(list);
      try {
        return {
          code: rewriteLazyImports(
            code,
            matching.flatMap((l) => l.imports),
          ),
          map: null,
        };
      } catch (error) {
        return this.error(`${id}: ${(error as Error).message}`);
      }
    },
    // A module listed but never bundled has moved: its imports would be loaded eagerly elsewhere.
    buildEnd(error) {
      const missed = lists.filter((list) => !seen.has(list));
      if (!error && missed.length > 0) {
        this.error(`no module matched ${missed.map((l) => String(l.module)).join(', ')}`);
      }
    },
  };
}
