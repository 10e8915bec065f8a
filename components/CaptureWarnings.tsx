import type { CaptureWarning } from '@/lib/capture';
import { formatList, say, t, type MessageKey, type Said } from '@/lib/i18n';

const TITLES: Record<CaptureWarning['code'], MessageKey> = {
  'not-https': 'capture_warning_not_https',
  'phone-part-not-filled': 'capture_warning_phone_part_not_filled',
  'issuer-mismatch': 'capture_warning_issuer_mismatch',
  'weak-secret': 'capture_warning_weak_secret',
  'unusual-parameters': 'capture_warning_unusual',
};

/** A warning's sentence; a list of fragments fills its last placeholder, joined as the UI language joins lists. */
function warningText(warning: CaptureWarning): string {
  if (!warning.list) return say(warning.text);
  const args = [...warning.text.args.slice(0, -1), formatList(warning.list.map(say))];
  return say({ ...warning.text, args } as Said);
}

export function CaptureWarnings({ warnings }: { warnings: CaptureWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul class="capture-warnings" aria-label={t('capture_warnings')}>
      {warnings.map((w) => (
        <li key={w.code} data-warning={w.code}>
          <strong>{t('capture_warning_title', t(TITLES[w.code] as 'capture_warnings'))}</strong> {warningText(w)}
        </li>
      ))}
    </ul>
  );
}
