// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CaptureAccountFacts } from '@/components/CaptureAccountFacts';
import { CaptureConflictChoice } from '@/components/CaptureConflictChoice';

// An Arabic name next to Latin text: without isolation, bidi reordering mixes it with what follows.
const RTL_NAME = 'بنك.com';

describe('names are isolated from the text around them (#14.6)', () => {
  it('shows a scanned issuer and account each in its own direction', () => {
    const { container } = render(
      <CaptureAccountFacts preview={{ kind: 'totp', issuer: RTL_NAME, account: 'alice', algorithm: 'SHA1', digits: 6, period: 30, secretBits: 160, duplicate: { state: 'new' } }} />,
    );
    for (const field of ['issuer', 'account']) {
      expect(container.querySelector(`[data-field="${field}"]`)!.getAttribute('dir')).toBe('auto');
    }
  });

  it('puts a name inside a sentence in a <bdi>', () => {
    const { container } = render(<CaptureConflictChoice label={RTL_NAME} busy={false} onChoose={() => undefined} onCancel={() => undefined} />);
    expect(container.querySelector('bdi')?.textContent).toBe(RTL_NAME);
  });
});
