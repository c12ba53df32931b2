/**
 * The floor under the app's grid ready: the MUI X data grid alone (built as vite.config.ts here
 * says), with the plain table's five columns of the same page of attachments and nothing else: no
 * app, theme, router, queries, toolbar or first frame. The page (`?page=` the API's address) is
 * asked for at once, as the plain table asks for it, while the grid's code loads. The client
 * benchmark times it beside the app and the plain table.
 */
import type { GridColDef } from '@mui/x-data-grid';

interface Row {
  id: string;
  File_Name: string;
  Size: string;
  Owner: { name: string };
  Created_Time: string;
  Modified_Time: string;
}
const columns: GridColDef<Row>[] = [
  { field: 'File_Name', headerName: 'File name', flex: 1 },
  { field: 'Size', headerName: 'Size' },
  { field: 'Owner', headerName: 'Owner', valueGetter: (_value, row) => row.Owner.name },
  { field: 'Created_Time', headerName: 'Created' },
  { field: 'Modified_Time', headerName: 'Modified' },
];

const firstPage = fetch(new URLSearchParams(location.search).get('page')!).then(
  (r) => r.json() as Promise<{ data: Row[] }>,
);
const [{ DataGrid }, { createRoot }, page] = await Promise.all([
  import('@mui/x-data-grid'),
  import('react-dom/client'),
  firstPage,
]);
createRoot(document.getElementById('root')!).render(
  <DataGrid rows={page.data} columns={columns} />,
);
