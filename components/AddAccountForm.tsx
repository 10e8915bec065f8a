import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { AccountSource, AddAccountReply, ManualAccountInput } from '@/lib/contract';
import { type OtpAlgorithm, type OtpKind, looksLikeTwoStepUri } from '@/lib/otp';
import { accountLabel } from '@/lib/accounts';
import { setupKeyCharacterProblem, type PopupState } from '@/lib/popup';
import type { AccountMeta, SiteBinding } from '@/lib/vault';
import { FieldError } from './FieldError';
import { SitesEditor } from './SitesEditor';
import { DeviceBoundCheck } from './DeviceBoundCheck';
import { codeOf, messageOf } from '@/lib/error-text';
import type { ErrorCode } from '@/lib/errors';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

type FieldName = 'uri' | 'secret' | 'digits' | 'period' | 'counter' | 'form';

/** Which form field an OTP-core error code belongs to, so the message sits beside it. */
const FIELD_OF_CODE: { readonly [C in ErrorCode]?: FieldName } = {
  'invalid-base32': 'secret',
  'missing-secret': 'secret',
  'digits-out-of-range': 'digits',
  'period-out-of-range': 'period',
  'bad-counter': 'counter',
  'wrong-scheme': 'uri',
  'unknown-type': 'uri',
  'malformed-uri': 'uri',
  'too-long': 'uri',
  'unsupported-algorithm': 'uri',
};

export function AddAccountForm({ state }: { state: PopupState }) {
  const mode = useSignal<'key' | 'uri'>('key');
  const uri = useSignal('');
  const issuer = useSignal('');
  const account = useSignal('');
  const secret = useSignal('');
  const kind = useSignal<OtpKind>('totp');
  const algorithm = useSignal<OtpAlgorithm>('SHA1');
  const digits = useSignal(6);
  const period = useSignal(30);
  const counter = useSignal(0);
  const deviceBound = useSignal(false);
  /** Until the user touches the box, a pasted two-step URI turns device binding on. */
  const deviceBoundTouched = useSignal(false);
  const twoStep = mode.value === 'uri' && looksLikeTwoStepUri(uri.value);
  const sites = useSignal<SiteBinding[]>([]);
  const error = useSignal<{ field: FieldName; message: string } | null>(null);
  const conflict = useSignal<AccountMeta | null>(null);
  const busy = useSignal(false);

  // The question takes focus when it appears, so it is read and answered from the keyboard.
  useEffect(() => {
    if (conflict.value) document.querySelector<HTMLElement>('#conflict-title ~ .actions button.primary')?.focus();
  }, [conflict.value]);

  const errorFor = (field: FieldName) => (error.value?.field === field ? error.value.message : null);

  function source(): AccountSource {
    if (mode.value === 'uri') return { uri: uri.value };
    const fields: ManualAccountInput = {
      kind: kind.value,
      issuer: issuer.value,
      account: account.value,
      secret: secret.value,
      algorithm: kind.value === 'steam' ? 'SHA1' : algorithm.value,
      digits: kind.value === 'steam' ? 5 : digits.value,
      ...(kind.value === 'hotp' ? { counter: counter.value } : { period: kind.value === 'steam' ? 30 : period.value }),
    };
    return { fields };
  }

  async function submit(onConflict?: 'replace' | 'keep-both') {
    if (mode.value === 'key' && !issuer.value.trim() && !account.value.trim()) {
      error.value = { field: 'form', message: t('add_name_required') };
      return;
    }
    const keyProblem = mode.value === 'key' ? setupKeyCharacterProblem(secret.value) : null;
    if (keyProblem) {
      // Said here, where the key is on screen: the worker's error never quotes a secret.
      error.value = { field: 'secret', message: keyProblem };
      return;
    }
    busy.value = true;
    error.value = null;
    try {
      const reply: AddAccountReply = await state.addAccount({
        source: source(),
        sites: sites.value,
        deviceBound: deviceBound.value,
        ...(onConflict ? { onConflict } : {}),
      });
      if (reply.status === 'conflict') {
        conflict.value = reply.existing;
      } else if (reply.status === 'added' && reply.account.enrollment) {
        // Two-step: the enrollment page now waits for the phone part.
        void state.enrollment.open(reply.account.id);
      } else {
        state.view.value = { name: 'list' };
      }
    } catch (caught) {
      const field = FIELD_OF_CODE[codeOf(caught)] ?? 'form';
      error.value = {
        field: mode.value === 'uri' && field !== 'form' ? 'uri' : field,
        message: messageOf(caught, t('add_failed')),
      };
    } finally {
      busy.value = false;
    }
  }

  if (conflict.value) {
    const existing = conflict.value;
    return (
      <div
        class="panel"
        role="alertdialog"
        aria-labelledby="conflict-title"
        aria-describedby="conflict-text"
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          conflict.value = null;
        }}
      >
        <h2 id="conflict-title">{t('add_conflict_title')}</h2>
        <p id="conflict-text">
          <Slotted
            text={t('add_conflict_text', SLOT, SLOT)}
            parts={[<bdi dir="auto">{accountLabel(existing)}</bdi>, <strong>{t('add_conflict_different')}</strong>]}
          />
        </p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void submit('replace')}>
            {t('add_conflict_replace')}
          </button>
          <button type="button" onClick={() => void submit('keep-both')}>
            {t('add_conflict_keep_both')}
          </button>
          <button type="button" class="quiet" onClick={() => (conflict.value = null)}>
            {t('common_cancel')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      class="panel form"
      aria-labelledby="add-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="add-title">{t('add_title')}</h2>
      <div class="segmented" role="radiogroup" aria-label={t('add_mode_label')}>
        <button type="button" role="radio" aria-checked={mode.value === 'key'} onClick={() => (mode.value = 'key')}>
          {t('add_mode_key')}
        </button>
        <button type="button" role="radio" aria-checked={mode.value === 'uri'} onClick={() => (mode.value = 'uri')}>
          {t('add_mode_uri')}
        </button>
      </div>

      {mode.value === 'uri' ? (
        <label class="field">
          <span>{t('add_link')}</span>
          <textarea
            dir="ltr"
            name="uri"
            data-autofocus
            rows={3}
            spellcheck={false}
            autocomplete="off"
            placeholder="otpauth://totp/Example:alice@example.com?secret=…"
            value={uri.value}
            aria-invalid={!!errorFor('uri')}
            aria-describedby="uri-error"
            onInput={(event) => {
              uri.value = event.currentTarget.value;
              if (!deviceBoundTouched.value) deviceBound.value = looksLikeTwoStepUri(uri.value);
            }}
          />
          <FieldError id="uri-error" message={errorFor('uri')} />
        </label>
      ) : (
        <>
          <label class="field">
            <span>{t('add_issuer')}</span>
            <input name="issuer" dir="auto" autocomplete="off" placeholder={t('add_issuer_placeholder')} data-autofocus value={issuer.value} onInput={(e) => (issuer.value = e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('add_account')}</span>
            <input name="account" dir="auto" autocomplete="off" placeholder={t('add_account_placeholder')} value={account.value} onInput={(e) => (account.value = e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('add_secret')}</span>
            <input
              name="secret"
              dir="ltr"
              autocomplete="off"
              spellcheck={false}
              class="mono"
              placeholder="JBSW Y3DP EHPK 3PXP"
              value={secret.value}
              aria-invalid={!!errorFor('secret')}
              aria-describedby="secret-error"
              onInput={(e) => (secret.value = e.currentTarget.value)}
            />
            <FieldError id="secret-error" message={errorFor('secret')} />
          </label>
          <details class="advanced">
            <summary>{t('add_advanced')}</summary>
            <div class="grid">
              <label class="field">
                <span>{t('add_type')}</span>
                <select name="kind" value={kind.value} onChange={(e) => (kind.value = e.currentTarget.value as OtpKind)}>
                  <option value="totp">{t('kind_totp')}</option>
                  <option value="hotp">{t('kind_hotp')}</option>
                  <option value="steam">{t('kind_steam')}</option>
                </select>
              </label>
              {kind.value !== 'steam' && (
                <>
                  <label class="field">
                    <span>{t('add_algorithm')}</span>
                    <select name="algorithm" value={algorithm.value} onChange={(e) => (algorithm.value = e.currentTarget.value as OtpAlgorithm)}>
                      <option value="SHA1">{t('add_algorithm_sha1')}</option>
                      <option value="SHA256">SHA-256</option>
                      <option value="SHA512">SHA-512</option>
                    </select>
                  </label>
                  <label class="field">
                    <span>{t('add_digits')}</span>
                    <input
                      name="digits"
                      type="number"
                      min={4}
                      max={10}
                      value={digits.value}
                      aria-invalid={!!errorFor('digits')}
                      aria-describedby="digits-error"
                      onInput={(e) => (digits.value = Number(e.currentTarget.value))}
                    />
                    <FieldError id="digits-error" message={errorFor('digits')} />
                  </label>
                </>
              )}
              {kind.value === 'totp' && (
                <label class="field">
                  <span>{t('add_period')}</span>
                  <input
                    name="period"
                    type="number"
                    min={1}
                    value={period.value}
                    aria-invalid={!!errorFor('period')}
                    aria-describedby="period-error"
                    onInput={(e) => (period.value = Number(e.currentTarget.value))}
                  />
                  <FieldError id="period-error" message={errorFor('period')} />
                </label>
              )}
              {kind.value === 'hotp' && (
                <label class="field">
                  <span>{t('add_counter')}</span>
                  <input
                    name="counter"
                    type="number"
                    min={0}
                    value={counter.value}
                    aria-invalid={!!errorFor('counter')}
                    aria-describedby="counter-error"
                    onInput={(e) => (counter.value = Number(e.currentTarget.value))}
                  />
                  <FieldError id="counter-error" message={errorFor('counter')} />
                </label>
              )}
            </div>
          </details>
        </>
      )}

      {twoStep && (
        <p class="capture-note two-step-note" data-two-step>
          <strong>{t('add_two_step_title')}</strong> {t('add_two_step_text')}
        </p>
      )}
      <SitesEditor sites={sites} />

      <DeviceBoundCheck
        checked={deviceBound.value}
        managed={state.policy.value.deviceBoundOnly === true}
        onChange={(checked) => {
          deviceBoundTouched.value = true;
          deviceBound.value = checked;
        }}
      >
        {t('add_device_bound_note')}
      </DeviceBoundCheck>

      <FieldError id="form-error" message={errorFor('form')} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          {t('add_submit')}
        </button>
        <button type="button" class="quiet" onClick={() => (state.view.value = { name: 'list' })}>
          {t('common_cancel')}
        </button>
      </div>
    </form>
  );
}
