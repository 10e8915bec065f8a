import { Fragment, type ComponentChildren } from 'preact';
import { SLOT } from '@/lib/i18n';

/**
 * A translated sentence with elements inside it: `text` is `t(key, SLOT, …)`, and each SLOT is
 * replaced by the next of `parts`, so links and emphasis sit where the translation puts them.
 */
export function Slotted({ text, parts }: { text: string; parts: ComponentChildren[] }) {
  const pieces = text.split(SLOT);
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {piece}
          {index < pieces.length - 1 && parts[index]}
        </Fragment>
      ))}
    </>
  );
}
