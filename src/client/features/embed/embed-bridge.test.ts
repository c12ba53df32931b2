import { describe, expect, it, vi } from 'vitest';
import {
  framedByStranger,
  listenToHost,
  parentOrigin,
  postTarget,
  postToHost,
} from './embed-bridge.ts';

const HOST = 'https://intranet.example.com';
const OTHER = 'https://helpdesk.example.com';

describe('where the widget posts', () => {
  it('posts to the parent when the parent is allowed, and to nobody otherwise', () => {
    expect(postTarget(HOST, [HOST, OTHER])).toBe(HOST);
    expect(postTarget('https://evil.example', [HOST, OTHER])).toBeNull();
  });

  it('posts to the one allowed origin when the browser does not say who the parent is', () => {
    expect(postTarget(null, [HOST])).toBe(HOST);
    expect(postTarget(null, [HOST, OTHER])).toBeNull();
  });

  it('keeps to the origin a signed link names', () => {
    expect(postTarget(OTHER, [HOST, OTHER], HOST)).toBeNull();
    expect(postTarget(null, [HOST, OTHER], HOST)).toBe(HOST);
  });

  it('reads the parent from ancestorOrigins, else from the referrer', () => {
    const ancestors = Object.assign([HOST], { contains: () => true, item: () => HOST });
    expect(parentOrigin({ ancestorOrigins: ancestors as unknown as DOMStringList }, '')).toBe(HOST);
    expect(parentOrigin({} as Location, `${OTHER}/tickets/7?x=1`)).toBe(OTHER);
    expect(parentOrigin({} as Location, '')).toBeNull();
  });

  it('calls a known parent that is not allowed a stranger', () => {
    expect(framedByStranger('https://evil.example', [HOST])).toBe(true);
    expect(framedByStranger(HOST, [HOST])).toBe(false);
    expect(framedByStranger(null, [HOST])).toBe(false);
  });

  it('never posts to "*"', () => {
    const parent = { postMessage: vi.fn() } as unknown as Window;
    postToHost(null, { type: 'ready', module: 'Contacts', recordId: '1' }, parent);
    expect(parent.postMessage).not.toHaveBeenCalled();
    postToHost(HOST, { type: 'error', code: 'PROXY_EMBED_TOKEN_EXPIRED' }, parent);
    expect(parent.postMessage).toHaveBeenCalledWith(
      { source: 'bigin-attachments', type: 'error', code: 'PROXY_EMBED_TOKEN_EXPIRED' },
      HOST,
    );
  });
});

describe('what the widget hears', () => {
  const fakeWindow = () => {
    const target = new EventTarget() as EventTarget & { parent: unknown };
    target.parent = {};
    return target;
  };
  const show = { type: 'show-record', module: 'Contacts', recordId: '1000000231009' };

  it('acts only on well-formed messages from its parent at an allowed origin', () => {
    const win = fakeWindow();
    const heard = vi.fn();
    listenToHost([HOST], heard, win as unknown as Window);
    const send = (data: unknown, origin: string, source: unknown = win.parent) =>
      win.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
    send(show, 'https://evil.example');
    send(show, HOST, {});
    send({ ...show, recordId: 'x' }, HOST);
    send('show-record', HOST);
    expect(heard).not.toHaveBeenCalled();
    send(show, HOST);
    expect(heard).toHaveBeenCalledWith(show);
  });
});
