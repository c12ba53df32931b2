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
