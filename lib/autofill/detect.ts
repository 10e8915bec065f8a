/**
 * Owns finding the one field (or row of one-character boxes) on a page that wants an
 * authenticator code, with the reasons for the choice, and refusing when it is not clear.
 */
import { composedChain, composedParent, hiddenReason, type DomEnv } from './env';

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

// Phrases matched as whole words on normalised text ("one-time-code" → "one time code").
const STRONG_PHRASES = [
  'otp', 'totp', 'hotp', '2fa', 'mfa', 'tfa', 'one time', 'onetime', 'one time code', 'two factor', '2 factor',
  'two step', '2 step', 'multi factor', 'authenticator', 'authentication code', 'auth code', 'verification code',
  'verify code', 'security code', 'login code', 'sign in code', 'totp code',
  'bestätigungscode', 'sicherheitscode', 'einmalcode', 'einmalpasswort', 'authentifizierungscode',
  'verifizierungscode', 'code de vérification', 'code de verification', 'code de sécurité',
  "code d'authentification", 'code à usage unique', 'código de verificación', 'codigo de verificacion',
  'código de verificação', 'código de seguridad', 'código de segurança', 'código de autenticación',
  'codice di verifica', 'codice di sicurezza', 'codice otp', 'verificatiecode', 'beveiligingscode',
  'kod weryfikacyjny', 'kod uwierzytelniający', 'kod bezpieczeństwa', 'doğrulama kodu', 'verifieringskod',
  'engångskod', 'bekræftelseskode', 'vahvistuskoodi',
];
// Scripts without spaces between words, matched as substrings.
const STRONG_SUBSTRINGS = [
  '認証コード', 'ワンタイム', '確認コード', '验证码', '驗證碼', '动态码', '動態碼', '一次性', '인증 코드', '인증번호', '인증코드',
  'код подтверждения', 'одноразов', 'код проверки', 'код аутентификации', 'код верификации',
];
// Lower-case compound tokens: `otpCode` splits, but `otpcode` and `mfacode` do not.
const STRONG_PREFIXES = ['otp', 'totp', 'hotp', 'mfa', '2fa', 'tfa', 'onetime', 'verificationcode', 'verifycode', 'securitycode', 'authcode', 'authenticator'];
const STRONG_SUFFIXES = ['otp', 'totp', 'mfa', '2fa'];
const WEAK_WORDS = ['code', 'token', 'código', 'codigo', 'codice', 'kod', 'код', 'koodi', 'kode', 'コード', 'verification', 'verify'];

// What a code-like field is when it is not an authenticator code. Checked before scoring counts.
const EXCLUDE_WORDS: Record<string, string[]> = {
  coupon: ['coupon', 'promo', 'voucher', 'gift', 'giftcard', 'discount', 'rabatt', 'gutschein', 'cupón', 'cupom', 'redeem', 'redemption', 'referral', 'invite', 'invitation'],
  postal: ['postal', 'postcode', 'zip', 'zipcode', 'plz', 'postleitzahl', 'cep', 'postnummer', 'postnr'],
  card: ['card', 'cardnumber', 'ccnumber', 'ccnum', 'cc', 'cvc', 'cvv', 'cvv2', 'csc', 'cvn', 'expiry', 'expiration', 'exp', 'iban', 'kartennummer', 'prüfnummer', 'cryptogramme'],
  search: ['search', 'suche', 'buscar', 'recherche', 'query', 'q'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'telefon', 'teléfono', 'telefone', 'téléphone', 'телефон', 'msisdn'],
  captcha: ['captcha', 'recaptcha', 'hcaptcha'],
  other: ['country', 'sku', 'serial', 'license', 'licence', 'tracking', 'barcode', 'username', 'email'],
};
// Categories a strong OTP keyword outweighs ("code from the authenticator app on your phone").
const SOFT_CATEGORIES = new Set(['phone', 'other']);
const EXCLUDE_SUBSTRINGS: Record<string, string[]> = {
  coupon: ['coupon', 'promo', 'voucher', 'giftcard', 'gutschein'],
  postal: ['postcode', 'zipcode', 'postalcode', 'code postal', 'código postal', '郵便番号', '邮编', '邮政编码', 'почтовый индекс'],
  card: ['cardnumber', 'cvv', 'cvc', 'numéro de carte', 'セキュリティコード', 'クレジット', '信用卡', '银行卡'],
  search: ['検索', '搜索'],
  phone: ['phone', '電話', '手机', '手機'],
  captcha: ['captcha', '图形验证码', '图片验证码', '圖形驗證碼'],
};
// autocomplete tokens that name something other than a one-time code.
const OTHER_AUTOCOMPLETE = /^(cc-|postal-code|email|username|tel|street-address|address-|country|name$|given-name|family-name|organization|bday|current-password|new-password|url|transaction-|one-time-code-)/;

const AUTHENTICATOR_CONTEXT = [
  /\bauthenticator\b/, /\bauthentication app\b/, /\bauth(entication)? app\b/, /\b2fa app\b/, /\btotp\b/,
  /\bcode generator\b/, /\bauthy\b/,
  /authenticator-app/, /authentifizierungs-?app/, /application d'authentification/, /aplicación de autenticación/,
  /aplicativo autenticador/, /app di autenticazione/, /authenticatie-app/, /aplikacj\p{L}* uwierzytelniaj/u,
  /приложени\p{L}* (для )?аутентифика/u, /認証アプリ/, /身份验证器/, /验证器/, /驗證器/, /인증 앱/, /인증앱/,
];
/**
 * How a code reaches a person when it is not an authenticator app, as people write it (#14.9).
 * Matched on text where every e-mail spelling (e-mail, E-Mail, eMail, e mail) reads "email".
 * `field`: words that, in a field's own label, name, placeholder or ARIA name, make it an e-mail
 * or SMS code field. `prompt`: phrases in the text around it that say the code was sent. Kept
 * as data so more languages are added here, not in the logic.
 */
export const CODE_CHANNEL_WORDS: { field: string[]; prompt: string[] } = {
  field: [
    'email', 'emailed', 'emails', 'mail', 'mailed', 'inbox', 'courriel', 'correo', 'posteingang',
    'sms', 'texted', 'text message', 'textnachricht', 'mensaje de texto', 'messaggio', 'texto',
  ],
  prompt: [
    'emailed', 'mailed', 'texted', 'text message', 'textnachricht', 'mensaje de texto',
    'from the email', 'from your email', 'in the email', 'in your email', 'by email', 'via email', 'to your email',
    'from the mail', 'in the mail we', 'check your email', 'check your inbox', 'check your mail', 'check your messages',
    'sent to your phone', 'sent to your mobile', 'sent to your number', 'sent to your device', 'sent to your email', 'sent to your inbox',
    'aus der email', 'aus der mail', 'aus ihrer email', 'aus deiner email', 'in ihrer email', 'per email', 'per mail', 'per sms',
    'courriel', 'par email', 'par sms', 'par texto', 'correo', 'por email', 'por sms', 'via sms',
  ],
};

/** Lower case, NFKC, one space, and every e-mail spelling as "email" ("e-mailed" → "emailed"). */
function channelText(text: string): string {
  return ` ${text
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/\be[\s\u2010\u2011-]?mail/g, 'email')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')} `;
}

function mentionsAny(text: string, words: readonly string[]): boolean {
  const t = channelText(text);
  return words.some((w) => t.includes(` ${w} `));
}

const SMS_OR_EMAIL_CONTEXT = [
  /\bsms\b/, /\btext message\b/, /\btexted\b/, /\bphone number\b/, /\bphone ending\b/, /\bmobile number\b/,
  /\bsent (it )?to \+/, /\bsent to (your )?(phone|mobile|e-?mail|inbox)/, /\bwe('ve| have| just)? sent\b/,
  /\b(has|was) been sent\b/, /\bwas sent\b/, /\bcheck your (e-?mail|inbox|phone|messages)\b/, /\be-?mailed\b/,
  /\bcode to your e-?mail\b/, /\bper sms\b/, /\bper e-?mail\b/, /\bper mail\b/, /\bgesendet\b/, /\bgeschickt\b/,
  /\benvoyé\b/, /\bpar sms\b/, /\bpar e-?mail\b/, /\benviado\b/, /\benviamos\b/, /\bpor sms\b/,
  /\bpor correo\b/, /\binviato\b/, /\bverzonden\b/, /\bgestuurd\b/, /\bwysłaliśmy\b/, /отправ/, /смс/,
  /短信/, /簡訊/, /ショートメッセージ/, /送信しました/, /メールを送信/, /문자/, /발송/,
];

export type NormalisedText = { words: string; tokens: string[]; raw: string };

export function normaliseText(text: string): NormalisedText {
  const raw = text.normalize('NFKC').toLowerCase();
  const split = text
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
  // "2fa" must survive the letter/digit split above.
  const words = split.replace(/\b2 fa\b/g, '2fa');
  return { words, tokens: words.split(' ').filter(Boolean), raw };
}

/** Whether `phrase` occurs in the text as whole words. */
export function hasPhrase(n: NormalisedText, phrase: string): boolean {
  return ` ${n.words} `.includes(` ${phrase} `);
}

/** Which non-OTP category the description names, if any. */
export function excludedCategory(n: NormalisedText): string | null {
  for (const [category, words] of Object.entries(EXCLUDE_WORDS)) {
    if (n.tokens.some((t) => words.includes(t))) return category;
  }
  const compact = n.raw.replace(/[\s_-]+/g, '');
  for (const [category, subs] of Object.entries(EXCLUDE_SUBSTRINGS)) {
    if (subs.some((s) => n.raw.includes(s) || compact.includes(s.replace(/\s+/g, '')))) return category;
  }
  return null;
}

/** 'strong' / 'weak' keyword evidence in a field's description, with the word that matched. */
export function keywordStrength(n: NormalisedText): { level: 'strong' | 'weak'; word: string } | null {
  for (const phrase of STRONG_PHRASES) if (hasPhrase(n, phrase)) return { level: 'strong', word: phrase };
  for (const sub of STRONG_SUBSTRINGS) if (n.raw.includes(sub)) return { level: 'strong', word: sub };
  for (const t of n.tokens) {
    const prefix = STRONG_PREFIXES.find((p) => t.startsWith(p));
    if (prefix) return { level: 'strong', word: prefix };
    const suffix = STRONG_SUFFIXES.find((s) => t.endsWith(s));
    if (suffix) return { level: 'strong', word: suffix };
  }
  for (const t of n.tokens) {
    const weak = WEAK_WORDS.find((w) => t === w || (w === 'code' && t.endsWith('code')));
    if (weak) return { level: 'weak', word: weak };
  }
  for (const w of WEAK_WORDS) if (!/^[a-z]+$/.test(w) && n.raw.includes(w)) return { level: 'weak', word: w };
  return null;
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

/** `sms-or-email` when the prompt is about a code sent by SMS or e-mail and not an authenticator app. */
export function classifyContext(text: string): { authenticator: boolean; smsOrEmail: boolean } {
  const t = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const authenticator = AUTHENTICATOR_CONTEXT.some((r) => r.test(t));
  const smsOrEmail = SMS_OR_EMAIL_CONTEXT.some((r) => r.test(t)) || mentionsAny(text, CODE_CHANNEL_WORDS.prompt);
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
  if (!mentionsAny(description, CODE_CHANNEL_WORDS.field)) return false;
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
