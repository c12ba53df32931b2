import { describe, expect, it } from 'vitest';
import { fileKind, safeLinkUrl } from './file-kind.ts';

describe('fileKind', () => {
  it.each([
    ['Quote.PDF', 'Attachment', null, 'pdf'],
    ['photo.jpeg', 'Attachment', null, 'image'],
    ['notes', 'Attachment', null, 'other'],
    ['Shared folder', 'Link URL', 'https://example.com/f', 'link'],
  ])('%s is %s', (File_Name, $type, $link_url, kind) => {
    expect(fileKind({ File_Name, $type, $link_url })).toBe(kind);
  });
});

describe('safeLinkUrl', () => {
  it('opens http and https links only', () => {
    expect(safeLinkUrl('https://example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeLinkUrl('http://example.com')).toBe('http://example.com/');
    expect(safeLinkUrl('javascript:alert(1)')).toBeNull();
    expect(safeLinkUrl('data:text/html,<script>')).toBeNull();
    expect(safeLinkUrl('not a url')).toBeNull();
    expect(safeLinkUrl(null)).toBeNull();
  });
});
