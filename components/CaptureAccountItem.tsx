import { useSignal } from '@preact/signals';
import type { CaptureItemView } from '@/lib/capture';
import type { PopupState } from '@/lib/popup';
import type { SiteBinding } from '@/lib/vault';
import { CaptureAccountFacts } from './CaptureAccountFacts';
import { CaptureConflictChoice } from './CaptureConflictChoice';
import { CaptureFoundOn } from './CaptureFoundOn';
import { CaptureTwoStepNote } from './CaptureTwoStepNote';
import { CaptureWarnings } from './CaptureWarnings';
import { SitesEditor } from './SitesEditor';
import { DeviceBoundCheck } from './DeviceBoundCheck';
import { GroupField } from './GroupField';
import { Slotted } from './Slotted';
import { SLOT, t } from '@/lib/i18n';

type AccountItem = Extract<CaptureItemView, { type: 'account' }>;

/** One scanned account: what it is, where it was found, warnings, sites, then Add or Skip. */
export function CaptureAccountItem({ state, item }: { state: PopupState; item: AccountItem }) {
  const { preview } = item;
  const mismatch = item.warnings.some((w) => w.code === 'issuer-mismatch');
  // A page whose issuer does not match gets no binding unless the user adds it: a phishing page
  // must not bind someone else's codes to itself with one hasty click.
  const sites = useSignal<SiteBinding[]>(mismatch ? [] : item.suggestedSites);
  // A two-step account exists to live on one device: bound unless the user unchecks it.
  const deviceBound = useSignal(item.twoStep !== undefined);
  const group = useSignal('');
  const busy = useSignal(false);
  const title = preview.issuer || preview.account || t('capture_this_account');
  const headingId = `capture-${item.id}`;

  async function add(onConflict?: 'replace' | 'keep-both') {
    busy.value = true;
    try {
      await state.capture.confirm(item.id, {
        sites: sites.value,
        deviceBound: deviceBound.value,
        group: group.value.trim() === '' ? null : group.value,
        ...(onConflict ? { onConflict } : {}),
      });
    } finally {
      busy.value = false;
    }
  }

  const dup = preview.duplicate;
  return (
    <section class="panel capture-item" aria-labelledby={headingId} data-capture-item="account">
      <h2 id={headingId}>
        <Slotted text={t('capture_add_title', SLOT)} parts={[<bdi>{title}</bdi>]} />
      </h2>
      <CaptureFoundOn foundOn={item.foundOn} />
      {item.twoStep && <CaptureTwoStepNote twoStep={item.twoStep} />}
      <CaptureAccountFacts preview={preview} />
      <CaptureWarnings warnings={item.warnings} />
      {dup.state === 'exists' && (
        <p class="capture-note" data-duplicate="exists">
          <Slotted text={t('capture_already_added', SLOT)} parts={[<strong><bdi>{dup.label}</bdi></strong>]} />
        </p>
      )}
      <SitesEditor sites={sites} />
      {mismatch &&
        item.suggestedSites.map((site) =>
          site.match === 'origin' && !sites.value.some((s) => s.match === 'origin' && s.origin === site.origin) ? (
            <p class="hint" key={site.origin}>
              <Slotted
                text={t('capture_mismatch_not_filled', SLOT)}
                parts={[
                  <button type="button" class="link-button" onClick={() => (sites.value = [...sites.value, site])}>
                    {t('capture_fill_anyway', site.origin)}
                  </button>,
                ]}
              />
            </p>
          ) : null,
        )}
      <GroupField id={`${headingId}-group`} value={group.value} groups={state.accountGroups.value} onInput={(value) => (group.value = value)} />
      <DeviceBoundCheck checked={deviceBound.value} onChange={(checked) => (deviceBound.value = checked)}>
        {t('capture_device_bound_note')}
      </DeviceBoundCheck>
      {dup.state === 'conflict' ? (
        <CaptureConflictChoice label={dup.label} busy={busy.value} onChoose={(c) => void add(c)} onCancel={() => void state.capture.skip(item.id)} />
      ) : (
        <div class="actions">
          <button type="button" class="primary" disabled={busy.value} onClick={() => void add()}>
            {t('capture_add')}
          </button>
          <button type="button" class="quiet" disabled={busy.value} onClick={() => void state.capture.skip(item.id)}>
            {t('capture_skip')}
          </button>
        </div>
      )}
    </section>
  );
}
