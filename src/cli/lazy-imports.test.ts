import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAZY_IMPORTS, rewriteLazyImports } from './lazy-imports.ts';

describe('rewriteLazyImports', () => {
  it('turns a default import into a component that loads it when first shown', () => {
    const code = 'import X from "x";\nimport Popper from "../Popper/index.mjs";\nuse(Popper);\n';
    const out = rewriteLazyImports(code, ['../Popper/index.mjs']);
    expect(out).toContain('import X from "x";');
    expect(out).toContain('const Popper = __lazyPart(() => import("../Popper/index.mjs"));');
    expect(out).not.toContain('import Popper');
    expect(out).toMatch(
      /^import \{ lazyPart as __lazyPart, lazyRender as __lazyRender \} from ".*lazy-part\.tsx";/,
    );
  });

  it('takes one name out of a named import and loads it from its own file', () => {
    const code = 'import { A, GridPanel, B } from "../components/index.mjs";\n';
    const out = rewriteLazyImports(code, [
      { name: 'GridPanel', from: '../components/index.mjs', file: '../components/GridPanel.mjs' },
    ]);
    expect(out).toContain('import { A, B } from "../components/index.mjs";');
    // Each rewrite stays on its line, the helpers' import on the first: no line moves.
    expect(out.split('\n')).toHaveLength(code.split('\n').length);
    expect(out).toContain(
      'const GridPanel = __lazyPart(() => import("../components/GridPanel.mjs").then((m) => ({ default: m.GridPanel })));',
    );
  });

  it("turns a render function's import into one that draws its component when first shown", () => {
    const file = '../components/cell/GridEditInputCell.mjs';
    const code = `import { renderEditInputCell } from "${file}";\n`;
    const out = rewriteLazyImports(code, [
      { name: 'renderEditInputCell', from: file, file, renders: 'GridEditInputCell' },
    ]);
    expect(out).not.toContain('import { renderEditInputCell }');
    expect(out).toContain(
      `const renderEditInputCell = __lazyRender(() => import("${file}").then((m) => ({ default: m.GridEditInputCell })));`,
    );
  });

  it('leaves out a feature the app does not have, in its place what the list says', () => {
    const from = '../hooks/features/export/useGridPrintExport.mjs';
    const code = `import { useGridPrintExport } from "${from}";\nuseGridPrintExport(apiRef);\n`;
    const out = rewriteLazyImports(code, [{ name: 'useGridPrintExport', from, stub: '() => {}' }]);
    expect(out).not.toContain('import { useGridPrintExport }');
    expect(out).toContain('const useGridPrintExport = () => {};');
  });

  it('says at once when a grid is given a feature that is left out', () => {
    const stubs = LAZY_IMPORTS.flatMap((l) => l.imports).flatMap((i) =>
      typeof i === 'object' && 'stub' in i ? [[i.name, i.stub] as const] : [],
    );
    const hook = (name: string) => {
      const stub = stubs.find(([n]) => n === name)?.[1] ?? '';
      const React = { useMemo: (make: () => unknown) => make() };
      const registered: unknown[] = [];
      const useGridApiMethod = (_ref: unknown, api: unknown) => registered.push(api);
      const made = new Function('React', 'useGridApiMethod', `return ${stub}`) as (
        ...args: unknown[]
      ) => (apiRef: unknown, props: unknown) => void;
      return { run: made(React, useGridApiMethod), registered };
    };
    expect(() => hook('useGridDataSource').run({}, { dataSource: {} })).toThrow(/dataSource/);
    expect(() => hook('useGridDataSource').run({}, {})).not.toThrow();
    expect(() => hook('useGridRowSpanning').run({}, { rowSpanning: true })).toThrow(/row spanning/);
    const editable = { columns: [{ field: 'name', editable: true }] };
    expect(() => hook('useGridCellEditing').run({}, editable)).toThrow(/editing/);
    const viewed = hook('useGridCellEditing');
    viewed.run({}, { columns: [{ field: 'name' }] });
    const [api] = viewed.registered as { getCellMode: () => string }[];
    expect(api?.getCellMode()).toBe('view');
  });

  it('fails when an import is no longer written as listed', () => {
    expect(() => rewriteLazyImports('import { Popper } from "p";\n', ['p'])).toThrow(/import Name/);
    expect(() =>
      rewriteLazyImports('import { A } from "c";\n', [{ name: 'B', from: 'c', file: 'b' }]),
    ).toThrow(/import \{ B \}/);
  });

  it('finds every listed import in the installed libraries', () => {
    const files = [
      '@mui/x-data-grid/material/index.mjs',
      '@mui/x-data-grid/constants/defaultGridSlotsComponents.mjs',
      '@mui/material/Tooltip/Tooltip.mjs',
      '@mui/x-data-grid/DataGrid/useDataGridComponent.mjs',
      '@mui/x-data-grid/hooks/features/editing/useGridEditing.mjs',
      ...['gridStringColDef', 'gridDateColDef', 'gridSingleSelectColDef', 'gridBooleanColDef'].map(
        (f) => `@mui/x-data-grid/colDef/${f}.mjs`,
      ),
      '@mui/x-data-grid/colDef/gridLongTextColDef.mjs',
      ...['gridStringOperators', 'gridNumericOperators', 'gridDateOperators'].map(
        (f) => `@mui/x-data-grid/colDef/${f}.mjs`,
      ),
      '@mui/x-data-grid/colDef/gridSingleSelectOperators.mjs',
    ];
    for (const file of files) {
      const path = fileURLToPath(new URL(`../../node_modules/${file}`, import.meta.url));
      const imports = LAZY_IMPORTS.filter((l) => l.module.test(path)).flatMap((l) => l.imports);
      expect(imports.length, file).toBeGreaterThan(0);
      expect(() => rewriteLazyImports(readFileSync(path, 'utf8'), imports)).not.toThrow();
    }
  });
});
