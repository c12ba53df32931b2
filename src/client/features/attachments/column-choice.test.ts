import { beforeEach, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import {
  COLUMN_CHOICE_KEY,
  defaultHiddenColumns,
  hiddenColumns,
  rememberedHiddenColumns,
  rememberHiddenColumns,
} from './column-choice.ts';

const patricia = { name: 'Patricia Boyle', id: '1' };
const sam = { name: 'Sam Rivera', id: '2' };
const row = (id: string, by = patricia, modifiedBy = patricia): Attachment => ({
  id,
  Owner: patricia,
  Created_By: by,
  Modified_By: modifiedBy,
});

describe('the columns hidden', () => {
  beforeEach(() => localStorage.clear());

  it('hides Created by and Modified by when every row names its owner there', () => {
    expect(defaultHiddenColumns([row('1'), row('2')], 1200)).toEqual(['Created_By', 'Modified_By']);
    expect(defaultHiddenColumns([row('1'), row('2', sam)], 1200)).toEqual(['Modified_By']);
    expect(defaultHiddenColumns([row('1', patricia, sam)], 1200)).toEqual(['Created_By']);
    expect(defaultHiddenColumns([], 1200)).toEqual([]);
  });

  it('leaves out Owner and Created too in a table too narrow for every column', () => {
    expect(defaultHiddenColumns([row('1', sam, sam)], 900)).toEqual(['Owner', 'Created_Time']);
  });

  it('follows the URL first, then the choice remembered in this browser, then the default', () => {
    const rows = [row('1')];
    expect(hiddenColumns({ hidden: null }, rows, 1200)).toEqual(['Created_By', 'Modified_By']);
    rememberHiddenColumns([]);
    expect(hiddenColumns({ hidden: null }, rows, 1200)).toEqual([]);
    expect(hiddenColumns({ hidden: ['Owner'] }, rows, 1200)).toEqual(['Owner']);
  });

  it('reads a damaged or foreign stored value as no choice, or keeps its good part', () => {
    localStorage.setItem(COLUMN_CHOICE_KEY, '{oops');
    expect(rememberedHiddenColumns()).toBeNull();
    localStorage.setItem(COLUMN_CHOICE_KEY, JSON.stringify(['Size', 'File_Name', 'Size', 3]));
    expect(rememberedHiddenColumns()).toEqual(['Size']);
  });
});
