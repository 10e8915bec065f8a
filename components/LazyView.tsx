import { signal } from '@preact/signals';
import type { ComponentType, JSX } from 'preact';

export type LazyView<P> = ((props: P) => JSX.Element) & { preload(): Promise<void> };

/**
 * A view the popup's first screen does not draw (settings, add, edit, capture review, ...): its
 * code is a separate chunk, fetched on first use or, earlier, by `preload()` once the codes show,
 * so opening the popup parses only what the list needs.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): LazyView<P> {
  const loaded = signal<ComponentType<P> | null>(null);
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => void (loaded.value = component),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  const View = (props: P) => {
    const Component = loaded.value;
    if (Component) return <Component {...props} />;
    void preload().catch(() => undefined);
    return <p class="view-loading" aria-busy="true" />;
  };
  return Object.assign(View, { preload });
}
