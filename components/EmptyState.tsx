import type { PopupState } from '@/lib/popup';
import { Icon } from './Icon';

export function EmptyState({ state }: { state: PopupState }) {
  return (
    <div class="empty">
      <h2>No accounts yet</h2>
      <p>
        When a site shows you a QR code to set up two-factor authentication, open Tessera on that page and scan it, or
        type the setup key the site shows under the code.
      </p>
      <button type="button" class="primary" onClick={() => (state.view.value = { name: 'add' })}>
        <Icon name="plus" size={16} /> Enter a setup key
      </button>
    </div>
  );
}
