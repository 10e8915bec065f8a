import type { CaptureWarning } from '@/lib/capture';

const TITLES: Record<CaptureWarning['code'], string> = {
  'not-https': 'Not a secure page',
  'phone-part-not-filled': 'The phone part will not be filled here',
  'issuer-mismatch': 'The service does not match this site',
  'weak-secret': 'Short setup key',
  'unusual-parameters': 'Unusual settings',
};

export function CaptureWarnings({ warnings }: { warnings: CaptureWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul class="capture-warnings" aria-label="Warnings">
      {warnings.map((w) => (
        <li key={w.code} data-warning={w.code}>
          <strong>{TITLES[w.code]}.</strong> {w.message}
        </li>
      ))}
    </ul>
  );
}
