// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { focusArrivedSince, focusList, focusOrigin, focusScreen, originOf } from '@/lib/popup/focus';

beforeEach(() => {
  document.body.innerHTML = `
    <main>
      <input id="search" />
      <ul>
        <li data-account-id="a1"><button data-row-button>A</button><button id="x">Edit A</button></li>
        <li data-account-id="a2"><button data-row-button>B</button></li>
      </ul>
    </main>`;
});

describe('popup focus', () => {
  it('remembers a row by its account, from any of its buttons, and a control by its id', () => {
    const edit = document.getElementById('x')!;
    expect(originOf(edit)).toEqual({ accountId: 'a1' });
    expect(originOf(document.getElementById('search'))).toEqual({ controlId: 'search' });
    expect(originOf(document.body)).toBeNull();
  });

  it('returns to the row it came from, and says so when the row is gone', () => {
    expect(focusOrigin(document, { accountId: 'a2' })).toBe(true);
    expect(document.activeElement?.textContent).toBe('B');
    expect(focusOrigin(document, { accountId: 'gone' })).toBe(false);
  });

  it('focuses a screen at its marked field, else at its heading made focusable', () => {
    const screen = document.createElement('section');
    screen.innerHTML = '<h2>Settings</h2><input />';
    document.body.append(screen);
    expect(focusScreen(screen)).toBe(true);
    expect(document.activeElement?.tagName).toBe('H2');
    expect((document.activeElement as HTMLElement).tabIndex).toBe(-1);
    screen.innerHTML = '<h2>Add</h2><input data-autofocus name="issuer" />';
    focusScreen(screen);
    expect(document.activeElement?.getAttribute('name')).toBe('issuer');
    screen.innerHTML = '<p>Loading…</p>';
    expect(focusScreen(screen)).toBe(false);
  });

  it('lands on the search field by default', () => {
    expect(focusList(document)).toBe(true);
    expect(document.activeElement?.id).toBe('search');
  });

  it('sees that the person is already inside the new screen, so a late move would not pull them back', () => {
    const main = document.querySelector('main')!;
    const search = document.getElementById('search')!;
    search.focus();
    const before = document.activeElement;
    expect(focusArrivedSince(main, before)).toBe(false);
    // The person Tabs on to a row before the delayed move runs.
    (main.querySelector('[data-row-button]') as HTMLElement).focus();
    expect(focusArrivedSince(main, before)).toBe(true);
    // Focus that fell to the body (the old screen's element went away) is not the person's choice.
    (document.activeElement as HTMLElement).blur();
    expect(focusArrivedSince(main, before)).toBe(false);
    // Focus outside the screen does not count either.
    const outside = document.createElement('button');
    document.body.append(outside);
    outside.focus();
    expect(focusArrivedSince(main, before)).toBe(false);
  });
});
