import type { ComponentChildren } from 'preact';

/** One card of the manage page; the page is a column of these (a Lock section slots in the same way). */
export function ManageSection({ id, title, intro, children }: { id: string; title: string; intro?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="manage-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro && <p class="manage-intro">{intro}</p>}
      {children}
    </section>
  );
}
