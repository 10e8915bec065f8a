import { describe, expect, it } from 'vitest';
import { compileTerm, foldText, normaliseText } from '@/lib/autofill/terms';

describe('foldText', () => {
  it.each([
    ['full-width digits and letters', '６桁のＯＴＰ', '6桁のotp'],
    ['Latin accents', 'Code de Vérification', 'code de verification'],
    ['German umlauts in a compound', 'Bestätigungscode', 'bestatigungscode'],
    ['Cyrillic upper case and ё', 'ОДНОРАЗОВЫЙ КОД, ещё', 'одноразовыи код еще'],
    ['Arabic vowel marks, tatweel and hamza forms', 'رَمْـز الأمان', 'رمز الامان'],
    ['Arabic-Indic digits', '٦ أرقام', '6 ارقام'],
    ['every e-mail spelling', 'E-Mail eMail e mail', 'email email email'],
    ['camelCase ids', 'smsVerifyCode', 'sms verify code'],
  ])('folds %s', (_what, text, folded) => {
    expect(foldText(text)).toBe(folded);
  });
});

describe('compileTerm', () => {
  const matches = (term: string, text: string) => compileTerm(term).test(normaliseText(text));

  it.each([
    ['whole words', 'code postal', 'Votre code postal', true],
    ['whole words, not inside one', 'otp', 'hotpink', false],
    ['a stem', 'одноразов*', 'Одноразового кода', true],
    ['stems on each word', 'код* подтвержден*', 'Кода подтверждения', true],
    ['a suffix', '*code', 'Bestätigungscode', true],
    ['inside an id', '*coupon*', 'applyCouponcode', true],
    ['CJK anywhere, spaces ignored', '認証コード', '認証 コード を入力', true],
    ['Arabic with an attached clitic', 'رمز', 'برمزك', true],
    ['Arabic words stay in order', 'رمز التحقق', 'التحقق من الرمز', false],
  ])('matches %s', (_what, term, text, expected) => {
    expect(matches(term, text)).toBe(expected);
  });
});
