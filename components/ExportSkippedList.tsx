import type { ExportSkip } from '@/lib/backup';
import { describeSkip } from '@/lib/manage';

/** The accounts an export or backup left out, each with why. */
export function ExportSkippedList({ skipped, what }: { skipped: readonly ExportSkip[]; what: string }) {
  if (skipped.length === 0) return null;
  return (
    <div class="skipped">
      <p>
        <strong>
          {skipped.length} account{skipped.length === 1 ? ' was' : 's were'} left out of {what}:
        </strong>
      </p>
      <ul>
        {skipped.map((skip, index) => (
          <li key={index}>{describeSkip(skip)}</li>
        ))}
      </ul>
    </div>
  );
}
