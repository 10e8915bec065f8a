import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prepareClientPartFill } from '@/lib/autofill';

// Injected on demand after the user presses "Fill into this page" on a two-step enrollment:
// finds the field for the phone part; the worker then hands over that one value.
export default defineUnlistedScript(() => prepareClientPartFill(window));
