import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { accountLabel } from '@/lib/accounts';
import type { PopupState } from '@/lib/popup';
import type { AccountMeta } from '@/lib/vault';
import { FieldError } from './FieldError';
import { GroupField } from './GroupField';
import { SitesEditor } from './SitesEditor';

function describe(account: AccountMeta): string {
  const parts = [
    account.kind === 'hotp' ? 'Counter-based (HOTP)' : account.kind === 'steam' ? 'Steam Guard' : 'Time-based (TOTP)',
    account.algorithm === 'SHA1' ? 'SHA-1' : account.algorithm.replace('SHA', 'SHA-'),
    `${account.digits} ${account.kind === 'steam' ? 'characters' : 'digits'}`,
    account.kind === 'hotp' ? `next counter ${account.counter}` : `${account.period} s`,
  ];
  return parts.join(' · ');
}

export function EditAccount({ state, account }: { state: PopupState; account: AccountMeta }) {
  const issuer = useSignal(account.issuer);
  const label = useSignal(account.account);
  const sites = useSignal(account.sites);
  const group = useSignal(account.group ?? '');
  const pinned = useSignal(account.pinned);
  const submitAfterFill = useSignal(account.submitAfterFill === true);
  const counter = useSignal(String(account.counter ?? 0));
  const counterChanged = account.kind === 'hotp' && counter.value.trim() !== String(account.counter ?? 0);
  const confirmingDelete = useSignal(false);
  const error = useSignal<string | null>(null);

  // The question is read and Delete has focus; Escape or "Keep it" goes back to the link.
  useEffect(() => {
    if (confirmingDelete.value) document.querySelector<HTMLElement>('.confirm button.danger')?.focus();
  }, [confirmingDelete.value]);

  function keepAccount() {
    confirmingDelete.value = false;
    setTimeout(() => document.getElementById('delete-account')?.focus(), 0);
  }

  async function save() {
    const nextCounter = Number(counter.value.trim());
    if (counterChanged && !(/^\d+$/.test(counter.value.trim()) && Number.isSafeInteger(nextCounter))) {
      error.value = 'The counter must be a whole number, 0 or more.';
      return;
    }
    try {
      await state.updateAccount(account.id, {
        issuer: issuer.value,
        account: label.value,
        sites: sites.value,
        pinned: pinned.value,
        submitAfterFill: submitAfterFill.value,
        group: group.value.trim() === '' ? null : group.value,
        ...(counterChanged ? { counter: nextCounter } : {}),
      });
      state.announce(`Saved ${accountLabel({ issuer: issuer.value, account: label.value })}.`);
      state.view.value = { name: 'list' };
    } catch (caught) {
      error.value = (caught as Error).message;
    }
  }

  return (
    <form
      class="panel form"
      aria-labelledby="edit-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2 id="edit-title">Edit {accountLabel(account)}</h2>
      <p class="hint">
        {describe(account)}
        {account.deviceBound && ' · kept on this device only'}
      </p>
      <label class="field">
        <span>Service (issuer)</span>
        <input name="issuer" dir="auto" autocomplete="off" data-autofocus value={issuer.value} onInput={(e) => (issuer.value = e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Account</span>
        <input name="account" dir="auto" autocomplete="off" value={label.value} onInput={(e) => (label.value = e.currentTarget.value)} />
      </label>
      {account.kind === 'hotp' && (
        <label class="field">
          <span>Next counter</span>
          <input
            name="counter"
            inputMode="numeric"
            autocomplete="off"
            value={counter.value}
            aria-describedby="counter-warning"
            onInput={(e) => (counter.value = e.currentTarget.value)}
          />
          <small class={counterChanged ? 'hint warning' : 'hint'} id="counter-warning">
            Change this only if the site keeps refusing the codes. Set too low, Tessera repeats codes the site has already
            used; set too high, the site may not look that far ahead and refuse the codes.
          </small>
        </label>
      )}
      <GroupField id="edit-group" value={group.value} groups={state.accountGroups.value} onInput={(value) => (group.value = value)} />
      <SitesEditor sites={sites} />
      <label class="check">
        <input type="checkbox" name="pinned" checked={pinned.value} onChange={(e) => (pinned.value = e.currentTarget.checked)} />
        <span>
          <strong>Pin to the top</strong>
        </span>
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="submitAfterFill"
          checked={submitAfterFill.value}
          onChange={(e) => (submitAfterFill.value = e.currentTarget.checked)}
        />
        <span>
          <strong>Submit the form after filling</strong>
          <small>Off by default: with it on, a fill on these sites also sends the form, as pressing Enter would.</small>
        </span>
      </label>
      <FieldError id="edit-error" message={error.value} />
      <div class="actions">
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" class="quiet" onClick={() => (state.view.value = { name: 'list' })}>
          Cancel
        </button>
      </div>
      <div class="danger-zone">
        {confirmingDelete.value ? (
          <div
            role="alertdialog"
            aria-labelledby="delete-question"
            class="confirm"
            onKeyDown={(event) => {
              if (event.key !== 'Escape') return;
              event.preventDefault();
              keepAccount();
            }}
          >
            <p id="delete-question">
              Delete {accountLabel(account)}? Make sure you can still sign in to this service another way.
            </p>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void state.deleteAccount(account.id)}>
                Delete
              </button>
              <button type="button" class="quiet" onClick={keepAccount}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <button type="button" id="delete-account" class="danger-link" onClick={() => (confirmingDelete.value = true)}>
            Delete this account…
          </button>
        )}
      </div>
    </form>
  );
}
