import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { accountLabel } from '@/lib/accounts';
import type { PopupState } from '@/lib/popup';
import type { AccountMeta } from '@/lib/vault';
import { FieldError } from './FieldError';
import { GroupField } from './GroupField';
import { SitesEditor } from './SitesEditor';
import { messageOf } from '@/lib/error-text';
import { formatDuration, t, tPlural } from '@/lib/i18n';

function describe(account: AccountMeta): string {
  const parts = [
    account.kind === 'hotp' ? t('kind_hotp') : account.kind === 'steam' ? t('kind_steam') : t('kind_totp'),
    account.algorithm === 'SHA1' ? 'SHA-1' : account.algorithm.replace('SHA', 'SHA-'),
    account.kind === 'steam' ? tPlural('edit_kind_characters', account.digits) : tPlural('edit_kind_digits', account.digits),
    account.kind === 'hotp' ? t('edit_next_counter_value', account.counter ?? 0) : formatDuration(account.period ?? 30, 'second', 'short'),
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
      error.value = t('error_invalid_counter');
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
      state.announce(t('edit_saved', accountLabel({ issuer: issuer.value, account: label.value })));
      state.view.value = { name: 'list' };
    } catch (caught) {
      error.value = messageOf(caught);
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
      <h2 id="edit-title">{t('edit_title', accountLabel(account))}</h2>
      <p class="hint">
        {describe(account)}
        {account.deviceBound && ` · ${t('edit_summary_device_bound')}`}
      </p>
      <label class="field">
        <span>{t('add_issuer')}</span>
        <input name="issuer" dir="auto" autocomplete="off" data-autofocus value={issuer.value} onInput={(e) => (issuer.value = e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('add_account')}</span>
        <input name="account" dir="auto" autocomplete="off" value={label.value} onInput={(e) => (label.value = e.currentTarget.value)} />
      </label>
      {account.kind === 'hotp' && (
        <label class="field">
          <span>{t('edit_next_counter')}</span>
          <input
            name="counter"
            inputMode="numeric"
            autocomplete="off"
            value={counter.value}
            aria-describedby="counter-warning"
            onInput={(e) => (counter.value = e.currentTarget.value)}
          />
          <small class={counterChanged ? 'hint warning' : 'hint'} id="counter-warning">
            {t('edit_counter_warning')}
          </small>
        </label>
      )}
      <GroupField id="edit-group" value={group.value} groups={state.accountGroups.value} onInput={(value) => (group.value = value)} />
      <SitesEditor sites={sites} />
      <label class="check">
        <input type="checkbox" name="pinned" checked={pinned.value} onChange={(e) => (pinned.value = e.currentTarget.checked)} />
        <span>
          <strong>{t('edit_pin')}</strong>
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
          <strong>{t('edit_submit_after_fill')}</strong>
          <small>{t('edit_submit_after_fill_hint')}</small>
        </span>
      </label>
      <FieldError id="edit-error" message={error.value} />
      <div class="actions">
        <button type="submit" class="primary">
          {t('common_save')}
        </button>
        <button type="button" class="quiet" onClick={() => (state.view.value = { name: 'list' })}>
          {t('common_cancel')}
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
              {t('edit_delete_question', accountLabel(account))}
            </p>
            <div class="actions">
              <button type="button" class="danger" onClick={() => void state.deleteAccount(account.id)}>
                {t('common_delete')}
              </button>
              <button type="button" class="quiet" onClick={keepAccount}>
                {t('edit_keep')}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" id="delete-account" class="danger-link" onClick={() => (confirmingDelete.value = true)}>
            {t('edit_delete_link')}
          </button>
        )}
      </div>
    </form>
  );
}
