import { useComputed, type ReadonlySignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { accountLabel } from '@/lib/accounts';
import type { AccountMeta } from '@/lib/vault';
import { CODE_PLACEHOLDER, groupCode, rowCodeText, type PopupState } from '@/lib/popup';
import { CountdownRing } from './CountdownRing';
import { Icon } from './Icon';
import { SiteIcon } from './SiteIcon';
import { t } from '@/lib/i18n';

export interface AccountRowProps {
  state: PopupState;
  account: AccountMeta;
  draggable: boolean;
  onDropOn: (draggedId: string, targetId: string) => void;
  /** False while the row is far from the viewport: only its name is drawn (long lists). */
  live: ReadonlySignal<boolean>;
  observe: (element: Element | null) => void;
}

const NEXT_CODE_SHOWN_FOR_MS = 5000;
const unnamed = () => t('common_unnamed_account');

/**
 * One account: the row itself is the copy button (click or Enter). A row far from the
 * viewport is only its name; its code, countdown and actions mount when it comes near,
 * so a list of a thousand opens as fast as one of twenty.
 */
export function AccountRow({ state, account, draggable, onDropOn, live, observe }: AccountRowProps) {
  const { id } = account;
  const copied = useComputed(() => (state.copiedId.value === id ? 'row copied' : 'row'));
  const fillable = useComputed(() => state.fillableIds.value.has(id));
  const titleId = `t-${id}`;
  const subtitleId = `s-${id}`;
  const codeId = `c-${id}`;
  const badgesId = `b-${id}`;
  const name = account.issuer || account.account;
  const subtitle = account.issuer ? account.account : '';
  const fullName = accountLabel(account, unnamed());
  const badges = [account.pinned && t('row_pinned_sentence'), account.deviceBound && t('row_device_bound_sentence')].filter(Boolean).join(' ');

  return (
    <li
      class={account.enrollment ? `${copied.value} has-enrollment` : copied}
      data-account-id={id}
      ref={observe}
      draggable={draggable}
      onDragStart={(event) => {
        event.dataTransfer?.setData('application/x-tessera-account', id);
        if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (draggable) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        const dragged = event.dataTransfer?.getData('application/x-tessera-account');
        if (dragged && dragged !== id) onDropOn(dragged, id);
      }}
    >
      <button
        type="button"
        class="row-main"
        data-row-button
        // The name is exactly what the row shows (name, account, code) so speech input users can
        // say it; the badges are its description.
        aria-labelledby={`${titleId} ${subtitleId} ${codeId}`}
        aria-describedby={badges ? badgesId : undefined}
        onClick={() => void state.copy(id)}
        onKeyDown={(event) => {
          // Enter on an account bound to this page fills and copies; elsewhere it copies.
          if (event.key === 'Enter' && fillable.value) {
            event.preventDefault();
            void state.fill(id, { alsoCopy: true });
          }
        }}
      >
        <SiteIcon account={account} faviconUrl={state.faviconUrl} serviceIcon={state.serviceIcons.value?.(account) ?? null} />
        <span class="row-names">
          <span class="row-title">
            <span class={name ? 'row-issuer' : 'row-issuer unnamed'} id={titleId} title={fullName} dir="auto">
              <bdi>{name || unnamed()}</bdi>
            </span>
            {account.pinned && (
              <span class="badge" title={t('row_pinned')}>
                <Icon name="pin" size={12} />
              </span>
            )}
            {account.deviceBound && (
              <span class="badge device" title={t('row_device_bound')}>
                <Icon name="lock" size={12} />
              </span>
            )}
          </span>
          {/* Spaces between the parts, so the row's text reads as words (flex layout ignores them). */}{' '}
          <span class="row-account" id={subtitleId} title={subtitle || undefined} dir="auto">
            <bdi>{subtitle}</bdi>
          </span>
        </span>{' '}
        {live.value ? (
          <RowCode state={state} account={account} codeId={codeId} />
        ) : (
          <span class="row-code-block">
            <span class="code" id={codeId} data-code dir="ltr">
              {CODE_PLACEHOLDER.loading}
            </span>
          </span>
        )}
      </button>
      {badges && (
        <span class="visually-hidden" id={badgesId}>
          {badges}
        </span>
      )}
      {/* Outside the copy button: its seconds must not become part of the row's name. */}
      <span class="row-timer">
        {live.value && account.kind !== 'hotp' && <RowRing state={state} id={id} />}
        {live.value && account.kind === 'hotp' && (
          <button
            type="button"
            class="icon-button"
            title={t('row_next_hotp')}
            aria-label={t('row_next_hotp_label', name || unnamed())}
            onClick={() => void state.nextHotp(id)}
          >
            <Icon name="refresh" />
          </button>
        )}
      </span>
      {live.value && <RowActions state={state} account={account} fillable={fillable.value} />}
      {account.enrollment && (
        // A line of its own, so the row's name and code keep their room.
        <div class="row-enrollment">
          <span>{t('row_enrollment_unfinished')}</span>
          <button
            type="button"
            class="fill-button"
            aria-label={t('row_finish_enrollment_label', name || unnamed())}
            onClick={() => void state.enrollment.open(id)}
          >
            {t('row_finish_enrollment')}
          </button>
        </div>
      )}
    </li>
  );
}

function RowRing({ state, id }: { state: PopupState; id: string }) {
  const shown = useMemo(() => state.codeFor(id), [state, id]);
  return <CountdownRing shown={shown} />;
}

/** The code bound straight into the text: a tick updates text nodes, not components. */
function RowCode({ state, account, codeId }: { state: PopupState; account: AccountMeta; codeId: string }) {
  const { id } = account;
  const shown = useMemo(() => state.codeFor(id), [state, id]);
  const hidden = useComputed(() => state.settings.value.hideCodes && !state.revealed.value.has(id));
  const codeText = useComputed(() => {
    if (state.unreadable.value.has(id)) return t('row_code_unreadable');
    return rowCodeText({ kind: account.kind, hidden: hidden.value, hotpCode: state.hotpCodes.value.get(id), shown: shown.value });
  });
  const nextText = useComputed(() => {
    const value = shown.value;
    if (hidden.value || !value?.next || value.msLeft > NEXT_CODE_SHOWN_FOR_MS) return '';
    return t('row_next_code', groupCode(value.next));
  });
  return (
    <>
      <span class="row-code-block">
        <span class={account.kind === 'steam' ? 'code steam' : 'code'} id={codeId} data-code dir="ltr">
          {codeText}
        </span>
        {/* Drawn by CSS from the attribute: a visual hint only, not part of the row's name. */}
        <span class="next-code" aria-hidden="true" data-next={nextText} />
      </span>
    </>
  );
}

/** Fill (the main action on a bound page) first and largest, Edit last, so every row's right edge lines up. */
function RowActions({ state, account, fillable }: { state: PopupState; account: AccountMeta; fillable: boolean }) {
  const { id } = account;
  const name = account.issuer || account.account || unnamed();
  return (
    <span class="row-actions">
      {fillable && (
        <button
          type="button"
          class="fill-button primary"
          aria-label={t('row_fill_label', name)}
          onClick={() => void state.fill(id)}
        >
          {t('row_fill')}
        </button>
      )}
      <button
        type="button"
        class="icon-button"
        title={t('row_edit')}
        aria-label={t('row_edit_label', name)}
        onClick={() => (state.view.value = { name: 'edit', id })}
      >
        <Icon name="edit" />
      </button>
    </span>
  );
}
