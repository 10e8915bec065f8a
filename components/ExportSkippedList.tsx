import type { ExportSkip } from '@/lib/backup';
import { describeSkip } from '@/lib/manage';
import { tPlural } from '@/lib/i18n';

const HEADINGS = { backup: 'skipped_from_backup', codes: 'skipped_from_codes', list: 'skipped_from_list' } as const;

/** The accounts an export or backup left out, each with why. */
export function ExportSkippedList({ skipped, from }: { skipped: readonly ExportSkip[]; from: keyof typeof HEADINGS }) {
  if (skipped.length === 0) return null;
  return (
    <div class="skipped">
      <p>
        <strong>{tPlural(HEADINGS[from], skipped.length)}</strong>
      </p>
      <ul>
        {skipped.map((skip, index) => (
          <li key={index}>{describeSkip(skip)}</li>
        ))}
      </ul>
    </div>
  );
}
