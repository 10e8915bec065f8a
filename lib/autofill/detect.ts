/**
 * Owns finding the one field (or row of one-character boxes) on a page that wants an
 * authenticator code, with the reasons for the choice, and refusing when it is not clear.
 */
import { composedChain, composedParent, hiddenReason, type DomEnv } from './env';
import { OTP_WORDS, type Category, type LanguageWords } from './otp-words';
import { compileTerm, findTerm, normaliseText, type NormalisedText, type Term } from './terms';

export { hasPhrase, normaliseText, type NormalisedText } from './terms';

export type Confidence = 'high' | 'medium' | 'low';

export type OtpTarget =
  | { kind: 'single'; field: HTMLInputElement; confidence: Confidence; score: number; why: string[] }
  | { kind: 'split'; fields: HTMLInputElement[]; confidence: Confidence; score: number; why: string[] }
  | { kind: 'none'; reason: 'no-candidates' | 'all-excluded'; excluded: string[] }
  | { kind: 'ambiguous'; reason: string; candidates: number };

/** The field(s) a target would fill, in order; none for 'none' and 'ambiguous'. */
export function fieldsOf(target: OtpTarget): HTMLInputElement[] {
  if (target.kind === 'single') return [target.field];
  if (target.kind === 'split') return target.fields;
  return [];
}

/** Scores; a candidate needs MIN_SCORE from its own signals, and the winner MARGIN over the next. */
export const SCORES = {
  oneTimeCode: 100,
  strongKeyword: 60,
  weakKeyword: 30,
  numericLength: 30,
  digitPattern: 10,
  lengthOnly: 10,
  authenticatorContext: 20,
  splitLong: 40,
  splitShort: 30,
  min: 30,
  margin: 30,
} as const;

const SPLIT_MIN = 4;
const SPLIT_MAX = 8;

// The word lists, one table per language, live in otp-words.ts; here they are compiled once.
const LANGUAGES = Object.values(OTP_WORDS);
const compileAll = (pick: (l: LanguageWords) => readonly string[]): Term[] => LANGUAGES.flatMap(pick).map(compileTerm);
const STRONG_TERMS = compileAll((l) => l.strong);
const WEAK_TERMS = compileAll((l) => l.weak);
const AUTHENTICATOR_TERMS = compileAll((l) => l.authenticator);
const CHANNEL_FIELD_TERMS = compileAll((l) => l.channelField);
const CHANNEL_PROMPT_TERMS = compileAll((l) => l.channelPrompt);
// In this order: a field named both "phone" and "coupon" is a coupon field (phone is soft).
const CATEGORIES: Category[] = ['coupon', 'postal', 'card', 'search', 'phone', 'captcha', 'other'];
const EXCLUDE_TERMS = CATEGORIES.map((category) => ({ category, terms: compileAll((l) => l.exclude[category] ?? []) }));

// Categories a strong OTP keyword outweighs ("code from the authenticator app on your phone").
const SOFT_CATEGORIES = new Set<string>(['phone', 'other']);
// autocomplete tokens that name something other than a one-time code.
const OTHER_AUTOCOMPLETE = /^(cc-|postal-code|email|username|tel|street-address|address-|country|name$|given-name|family-name|organization|bday|current-password|new-password|url|transaction-|one-time-code-)/;

/** Which non-OTP category the description names, if any. */
export function excludedCategory(n: NormalisedText): string | null {
  return EXCLUDE_TERMS.find(({ terms }) => findTerm(n, terms) !== null)?.category ?? null;
}

/** 'strong' / 'weak' keyword evidence in a field's description, with the word that matched. */
export function keywordStrength(n: NormalisedText): { level: 'strong' | 'weak'; word: string } | null {
  const strong = findTerm(n, STRONG_TERMS);
  if (strong !== null) return { level: 'strong', word: strong };
  const weak = findTerm(n, WEAK_TERMS);
  return weak === null ? null : { level: 'weak', word: weak };
}

/** All `<input>`s under `root` in tree order, descending into open shadow roots. */
export function collectInputs(root: ParentNode): HTMLInputElement[] {
  const out: HTMLInputElement[] = [];
  const visit = (node: ParentNode): void => {
    for (const el of node.querySelectorAll('*')) {
      if (el.localName === 'input') out.push(el as HTMLInputElement);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(root);
  return out;
}

function textById(el: Element, ids: string): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById?.(id)?.textContent ?? '')
    .join(' ');
}

/** The field's labels (explicit, wrapping, and `for=` in its own tree). */
export function labelsOf(el: HTMLInputElement): Element[] {
  const labels = new Set<Element>(el.labels ? [...el.labels] : []);
  const wrapping = composedChain(el).find((a) => a.localName === 'label');
  if (wrapping) labels.add(wrapping);
  if (el.id) {
    const root = el.getRootNode() as Document | ShadowRoot;
    for (const label of root.querySelectorAll('label[for]')) {
      if (label.getAttribute('for') === el.id) labels.add(label);
    }
  }
  return [...labels];
}

/** What the page says this field is: its attributes, labels and ARIA names. */
export function describeField(el: HTMLInputElement): string {
  const parts = ['name', 'id', 'placeholder', 'aria-label', 'title', 'data-testid'].map((a) => el.getAttribute(a) ?? '');
  for (const label of labelsOf(el)) parts.push(label.textContent ?? '');
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) parts.push(textById(el, labelledBy));
  return parts.join(' | ');
}

const TEXT_SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg']);
const CONTEXT_LIMIT = 4000;

function visibleTextOf(root: Node, budget = { left: CONTEXT_LIMIT }): string {
  let out = '';
  const visit = (node: Node): void => {
    if (budget.left <= 0) return;
    if (node.nodeType === 3) {
      const t = node.nodeValue ?? '';
      out += `${t} `;
      budget.left -= t.length;
      return;
    }
    if (node.nodeType === 1) {
      const el = node as Element;
      if (TEXT_SKIP.has(el.localName)) return;
      if (el.shadowRoot) visit(el.shadowRoot);
    }
    for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return out;
}

/**
 * The text around a field that tells what kind of code is asked for: its form, or else the
 * nearest ancestor (up to five levels, never the whole body) that says something.
 */
export function contextTextOf(el: Element): string {
  const chain = composedChain(el).slice(1);
  const form = chain.find((a) => a.localName === 'form');
  if (form) return `${promptTextBefore(form)} ${visibleTextOf(form)}`;
  let text = '';
  let around: Element = el;
  for (const ancestor of chain.slice(0, 5)) {
    if (ancestor.localName === 'body' || ancestor.localName === 'html') break;
    around = ancestor;
    text = visibleTextOf(ancestor);
    if (text.replace(/\s+/g, '').length >= 40) break;
  }
  return `${promptTextBefore(around)} ${text}`;
}

const PROMPT_LIMIT = 600;

/**
 * The prompt written just before `el` ("We e-mailed a code…" above the form): the text of its
 * previous siblings, then of its ancestors' previous siblings, nearest first, up to
 * `PROMPT_LIMIT` characters and three levels up.
 */
function promptTextBefore(el: Element): string {
  const parts: string[] = [];
  let left = PROMPT_LIMIT;
  let node: Element | null = el;
  for (let depth = 0; node && depth < 3 && left > 0; depth++) {
    for (let sibling = node.previousElementSibling; sibling && left > 0; sibling = sibling.previousElementSibling) {
      const budget = { left };
      parts.push(visibleTextOf(sibling, budget));
      left = budget.left;
    }
    node = node.parentElement;
    if (!node || node.localName === 'body' || node.localName === 'html') break;
  }
  return parts.reverse().join(' ');
}

/**
 * What the prompt around a field says about the code: an authenticator app named (positive), or
 * a code sent by SMS, e-mail or to a phone, or one that can be sent again (negative, #14.9). An
 * authenticator app named anywhere wins: such pages mention e-mail only as a fallback.
 */
export function classifyContext(text: string): { authenticator: boolean; smsOrEmail: boolean } {
  const n = normaliseText(text);
  const authenticator = findTerm(n, AUTHENTICATOR_TERMS) !== null;
  const smsOrEmail = findTerm(n, CHANNEL_PROMPT_TERMS) !== null;
  return { authenticator, smsOrEmail: smsOrEmail && !authenticator };
}

const TEXTUAL_TYPES = new Set(['', 'text', 'tel', 'number', 'password']);

function autocompleteTokens(el: HTMLInputElement): string[] {
  return (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

function isOneTimeCode(el: HTMLInputElement): boolean {
  return autocompleteTokens(el).includes('one-time-code');
}

/** Why the field cannot take typing at all, or null. */
function stateReason(el: HTMLInputElement): string | null {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (!TEXTUAL_TYPES.has(type)) return `type=${type}`;
  // Some sites mask the code (type=password); only a field that names itself a one-time code counts.
  if (type === 'password' && !isOneTimeCode(el) && keywordStrength(normaliseText(`${el.name} ${el.id}`))?.level !== 'strong') {
    return 'password field';
  }
  if (el.disabled || composedChain(el).some((a) => a.localName === 'fieldset' && a.hasAttribute('disabled'))) {
    return 'disabled';
  }
  if (el.readOnly) return 'read-only';
  if (el.hidden) return 'hidden';
  return null;
}

type Candidate = {
  fields: HTMLInputElement[];
  score: number;
  why: string[];
};

type Scored = { candidate: Candidate } | { excluded: string } | null;

/**
 * A field whose own name says e-mail or SMS ("Code from the e-mail", `name="emailOtp"`, "SMS
 * code") takes a code from there, whatever else it says, unless it names an authenticator app.
 */
function namesSmsOrEmail(description: string): boolean {
  if (findTerm(normaliseText(description), CHANNEL_FIELD_TERMS) === null) return false;
  return !classifyContext(description).authenticator;
}

/** Signals of one field's own description and attributes (no context, no visibility). */
function ownSignals(el: HTMLInputElement, why: string[]): number | { excluded: string } {
  const ac = autocompleteTokens(el);
  const oneTime = ac.includes('one-time-code');
  if (!oneTime) {
    const other = ac.find((t) => OTHER_AUTOCOMPLETE.test(t));
    if (other) return { excluded: `autocomplete=${other}` };
  }
  const described = describeField(el);
  const description = normaliseText(described);
  const keyword = keywordStrength(description);
  const category = excludedCategory(description);
  if (namesSmsOrEmail(described) && (oneTime || keyword !== null || (el.maxLength >= 4 && el.maxLength <= 8))) {
    return { excluded: 'code sent by SMS or e-mail' };
  }
  if (category && !(SOFT_CATEGORIES.has(category) && (keyword?.level === 'strong' || oneTime))) {
    // Only worth reporting when something made it look like a code field.
    const lookedLikeCode = oneTime || keyword !== null || (el.maxLength >= 4 && el.maxLength <= 8);
    return lookedLikeCode ? { excluded: `${category} field` } : 0;
  }
  let score = 0;
  if (oneTime) {
    score += SCORES.oneTimeCode;
    why.push('autocomplete=one-time-code');
  }
  if (keyword) {
    score += keyword.level === 'strong' ? SCORES.strongKeyword : SCORES.weakKeyword;
    why.push(`${keyword.level} keyword "${keyword.word}"`);
  }
  const maxLength = el.maxLength;
  const lengthFits = maxLength >= 6 && maxLength <= 8;
  const numeric = (el.getAttribute('inputmode') ?? '').toLowerCase() === 'numeric' || el.type === 'number' || el.type === 'tel';
  if (numeric && lengthFits) {
    score += SCORES.numericLength;
    why.push(`numeric, maxlength ${maxLength}`);
  } else if (lengthFits) {
    score += SCORES.lengthOnly;
    why.push(`maxlength ${maxLength}`);
  }
  const pattern = el.getAttribute('pattern') ?? '';
  if (/^\^?(\\d|\[0-9\])(\{[4-8](,[4-8])?\}|\+|\*)\$?$/.test(pattern)) {
    score += SCORES.digitPattern;
    why.push(`pattern ${pattern}`);
  }
  return score;
}

function withContext(el: Element, score: number, why: string[]): number | { excluded: string } {
  const context = classifyContext(contextTextOf(el));
  if (context.smsOrEmail) return { excluded: 'code sent by SMS or e-mail' };
  if (context.authenticator) {
    why.push('page mentions an authenticator app');
    return score + SCORES.authenticatorContext;
  }
  return score;
}

function scoreSingle(el: HTMLInputElement, env: DomEnv): Scored {
  if (stateReason(el) !== null || el.maxLength === 1) return null;
  const why: string[] = [];
  const own = ownSignals(el, why);
  if (typeof own !== 'number') return own;
  if (own < SCORES.min) return null;
  const total = withContext(el, own, why);
  if (typeof total !== 'number') return total;
  const hidden = hiddenReason(el, env, labelsOf(el), { belowFoldOk: true });
  if (hidden) return { excluded: `${hidden} field` };
  return { candidate: { fields: [el], score: total, why } };
}

function depthBetween(ancestor: Element, el: Element): number {
  let depth = 0;
  for (let cur: Element | null = el; cur && cur !== ancestor; cur = composedParent(cur)) depth++;
  return depth;
}

function lowestCommonAncestor(a: Element, b: Element): Element | null {
  const chain = new Set(composedChain(a));
  return composedChain(b).find((x) => chain.has(x)) ?? null;
}

function formOf(el: Element): Element | null {
  return composedChain(el).find((a) => a.localName === 'form') ?? null;
}

/** Runs of one-character inputs that are adjacent in the tree and share a close container. */
function splitRuns(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const runs: HTMLInputElement[][] = [];
  let run: HTMLInputElement[] = [];
  const flush = (): void => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  for (const el of inputs) {
    const type = (el.getAttribute('type') ?? '').toLowerCase();
    if (!TEXTUAL_TYPES.has(type)) continue; // hidden inputs between boxes do not break a row
    if (el.maxLength !== 1) {
      flush();
      continue;
    }
    const prev = run[run.length - 1];
    if (prev) {
      const lca = lowestCommonAncestor(prev, el);
      const close = lca !== null && depthBetween(lca, prev) <= 3 && depthBetween(lca, el) <= 3;
      if (!close || formOf(prev) !== formOf(el)) flush();
    }
    run.push(el);
  }
  flush();
  return runs;
}

function scoreSplit(run: HTMLInputElement[], env: DomEnv): Scored {
  if (run.length < SPLIT_MIN || run.length > SPLIT_MAX) return null;
  if (run.some((el) => stateReason(el) !== null)) return { excluded: 'split boxes not editable' };
  const why = [`${run.length} one-character boxes`];
  let score = run.length >= 6 ? SCORES.splitLong : SCORES.splitShort;
  let best = 0;
  for (const el of run) {
    const own = ownSignals(el, []);
    if (typeof own !== 'number') return own;
  }
  // The row's own name: a wrapping group's aria-label/labelledby, or the boxes' labels.
  const container = lowestCommonAncestor(run[0]!, run[run.length - 1]!);
  const groupText = [
    container?.getAttribute('aria-label') ?? '',
    container?.getAttribute('aria-labelledby') ? textById(container, container.getAttribute('aria-labelledby')!) : '',
    ...run.map((el) => describeField(el)),
  ].join(' | ');
  const description = normaliseText(groupText);
  const keyword = keywordStrength(description);
  const category = excludedCategory(description);
  if (namesSmsOrEmail(groupText)) return { excluded: 'code sent by SMS or e-mail' };
  if (category && !(SOFT_CATEGORIES.has(category) && keyword?.level === 'strong')) {
    return { excluded: `${category} field` };
  }
  if (keyword) {
    best = keyword.level === 'strong' ? SCORES.strongKeyword : SCORES.weakKeyword;
    why.push(`${keyword.level} keyword "${keyword.word}"`);
  }
  if (run.some(isOneTimeCode)) {
    best += SCORES.oneTimeCode;
    why.push('autocomplete=one-time-code');
  }
  score += best;
  const total = withContext(run[0]!, score, why);
  if (typeof total !== 'number') return total;
  for (const el of run) {
    const hidden = hiddenReason(el, env, labelsOf(el), { belowFoldOk: true });
    if (hidden) return { excluded: `${hidden} split box` };
  }
  // Visual order, and one row: boxes stacked vertically are not a code.
  const boxes = run.map((el) => ({ el, box: env.rect(el) })).sort((a, b) => a.box.left - b.box.left);
  for (let i = 1; i < boxes.length; i++) {
    const a = boxes[i - 1]!.box;
    const b = boxes[i]!.box;
    if (Math.abs(a.top - b.top) > a.height / 2 || b.left < a.left + a.width / 2) {
      return { excluded: 'split boxes not in one row' };
    }
  }
  return { candidate: { fields: boxes.map((b) => b.el), score: total, why } };
}

function confidenceOf(score: number): Confidence {
  if (score >= 100) return 'high';
  if (score >= 60) return 'medium';
  return 'low';
}

/**
 * Finds the field to fill in `root` (a document, shadow root or element) and open shadow roots
 * beneath it. Never looks into frames: each frame is judged in its own injection.
 */
export function detectOtpTarget(root: Document | ShadowRoot | Element, env: DomEnv): OtpTarget {
  const inputs = collectInputs(root);
  const candidates: Candidate[] = [];
  const excluded: string[] = [];
  const consider = (result: Scored): void => {
    if (result === null) return;
    if ('candidate' in result) candidates.push(result.candidate);
    else excluded.push(result.excluded);
  };
  for (const el of inputs) consider(scoreSingle(el, env));
  for (const run of splitRuns(inputs)) consider(scoreSplit(run, env));

  if (candidates.length === 0) {
    return { kind: 'none', reason: excluded.length > 0 ? 'all-excluded' : 'no-candidates', excluded };
  }
  candidates.sort((a, b) => b.score - a.score);
  const [top, second] = candidates as [Candidate, Candidate | undefined];
  if (second && second.score > top.score - SCORES.margin) {
    const close = candidates.filter((c) => c.score > top.score - SCORES.margin).length;
    return { kind: 'ambiguous', reason: `${close} fields look equally like a code field`, candidates: close };
  }
  const confidence = confidenceOf(top.score);
  if (top.fields.length === 1) {
    return { kind: 'single', field: top.fields[0]!, confidence, score: top.score, why: top.why };
  }
  return { kind: 'split', fields: top.fields, confidence, score: top.score, why: top.why };
}
