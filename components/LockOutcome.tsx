import type { LockState } from '@/lib/manage';
import { FieldError } from './FieldError';
import { t } from '@/lib/i18n';

/** What the last lock action did, said where the user is looking. */
export function LockOutcome({ state }: { state: LockState }) {
  const task = state.task.value;
  if (task.name === 'failed') return <FieldError id="lock-error" message={task.message} />;
  if (task.name === 'done') return <p class="manage-ok" role="status">{task.message}</p>;
  if (task.name === 'working') return <p class="hint" role="status">{t('lock_working')}</p>;
  return null;
}
