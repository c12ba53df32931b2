/**
 * The grid's sizes moved to the record page's geometry (app/record-page-geometry.ts); this name
 * stays only for file-action-columns.tsx, which has work of its own in progress: it goes once
 * that file imports from there.
 */
export { ACTIONS_COLUMN_WIDTH } from '../../app/record-page-geometry.ts';
