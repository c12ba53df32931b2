import { describe, expect, it } from 'vitest';
import { hostMessageSchema, widgetMessage, widgetMessageSchema } from './embed-messages.ts';

describe('the messages between the widget and its host', () => {
  it('takes a show-record with a module, a Bigin id and optionally a link', () => {
    const message = { type: 'show-record', module: 'Contacts', recordId: '1000000231009' };
    expect(hostMessageSchema.parse(message)).toEqual(message);
    expect(hostMessageSchema.parse({ ...message, token: 'be1.a.b' }).token).toBe('be1.a.b');
  });

  it.each([
    ['a string', JSON.stringify({ type: 'show-record', module: 'Contacts', recordId: '1' })],
    ['another type', { type: 'delete-everything', module: 'Contacts', recordId: '1' }],
    ['a path in the module', { type: 'show-record', module: '../settings', recordId: '1' }],
    ['an id that is not digits', { type: 'show-record', module: 'Contacts', recordId: '1e3' }],
    ['an id as a number', { type: 'show-record', module: 'Contacts', recordId: 1 }],
    ['nothing', null],
  ])('refuses %s', (_label, data) => {
    expect(hostMessageSchema.safeParse(data).success).toBe(false);
  });

  it('marks what the widget sends with its source', () => {
    const message = widgetMessage({ type: 'resize', height: 412 });
    expect(message).toEqual({ source: 'bigin-attachments', type: 'resize', height: 412 });
    expect(widgetMessageSchema.parse(message)).toEqual(message);
  });
});
