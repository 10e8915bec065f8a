/** Which screen the popup shows; shared by the popup state and its capture and enrollment parts. */
export type View =
  | { name: 'list' }
  | { name: 'add' }
  | { name: 'edit'; id: string }
  | { name: 'settings' }
  | { name: 'capture' }
  | { name: 'enrollment'; id: string };

/** The manage page's sections, by the id each carries (also its URL fragment). */
export type ManageSectionId = 'lock' | 'backup' | 'import' | 'export';
