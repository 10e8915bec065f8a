/**
 * Owns the words, one table per language, by which a page says that a field wants an
 * authenticator code, a code sent by SMS or e-mail, or something else code-shaped.
 *
 * Terms are data, matched by `lib/autofill/terms.ts` on text folded the same way (NFKC, lower
 * case, Latin/Cyrillic diacritics and Arabic vowel marks removed, alef and hamza forms unified,
 * every e-mail spelling read as "email"), so accents are optional and punctuation is a space:
 * - `two factor`: whole words, in this order;
 * - `одноразов*`: a word beginning so (inflections, German compounds); `*code`: a word ending so;
 *   `*coupon*`: a word containing it (`couponcode`);
 * - Chinese, Japanese and Korean terms match anywhere (no spaces between words there), Arabic
 *   words match inside a word too (attached و/ب/ال/ك clitics: "برمز", "رمزك").
 *
 * Where the words come from: the 2FA, sign-in and checkout pages of services localised in each
 * language (identity providers, cloud consoles, code forges, banks, shops, messengers), read
 * through their public help pages and screenshots; our own lists, no copied markup.
 */
export type Category = 'coupon' | 'postal' | 'card' | 'search' | 'phone' | 'captcha' | 'other';

export type LanguageWords = {
  /** A field's own label, name or placeholder saying "2FA code" by itself. */
  strong: readonly string[];
  /** Words saying "a code" without saying which kind. */
  weak: readonly string[];
  /** An authenticator app named in the prompt: a strong positive signal. */
  authenticator: readonly string[];
  /** In a field's own label or name: the code comes by SMS or e-mail. */
  channelField: readonly string[];
  /** In the prompt around a field: the code was sent (SMS, e-mail, phone), or can be sent again. */
  channelPrompt: readonly string[];
  /** What a code-like field is when it is not a one-time code. */
  exclude: Partial<Record<Category, readonly string[]>>;
};

export type Language = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'it' | 'ja' | 'zh' | 'ru' | 'ar' | 'more';

/** Shared spellings (Latin acronyms and id fragments) every language's pages use. */
const en: LanguageWords = {
  // Sign-in pages of code forges, cloud consoles, identity providers and office suites; id shapes (`mfaCode`, `ctl00$otpCode`).
  strong: [
    'otp', 'totp', 'hotp', '2fa', 'mfa', 'tfa', 'one time', 'onetime', 'one time code', 'two factor', '2 factor',
    'two step', '2 step', 'multi factor', 'authenticator', 'authentication code', 'auth code', 'verification code',
    'verify code', 'security code', 'login code', 'sign in code', 'totp code',
    'otp*', 'totp*', 'hotp*', 'mfa*', '2fa*', 'tfa*', 'onetime*', 'verificationcode*', 'verifycode*', 'securitycode*',
    'authcode*', 'authenticator*', '*otp', '*totp', '*mfa', '*2fa',
  ],
  weak: ['code', '*code', 'token', 'verification', 'verify'],
  authenticator: [
    'authenticator*', 'authentication app', 'auth app', 'authenticator app', '2fa app', 'totp', 'code generator', 'authy',
  ],
  channelField: ['email', 'emailed', 'emails', 'mail', 'mailed', 'inbox', 'sms', 'texted', 'text message'],
  // Pages that send the code: "We e-mailed…", "Enter the code sent to your phone", "Resend code".
  channelPrompt: [
    'sms', 'text message', 'texted', 'phone number', 'phone ending', 'mobile number', 'emailed', 'mailed',
    'sent to', 'sent it to', 'we sent', 'we ve sent', 'we have sent', 'we just sent', 'has been sent', 'have been sent',
    'was sent', 'check your email', 'check your inbox', 'check your phone', 'check your messages', 'check your mail',
    'code to your email', 'from the email', 'from your email', 'in the email', 'in your email', 'by email', 'via email',
    'to your email', 'from the mail', 'in the mail we', 'per sms', 'per email', 'per mail', 'via sms',
    'resend code', 'resend the code', 'send code again', 'send a new code', 'didn t get a code', 'didn t receive',
  ],
  exclude: {
    coupon: ['coupon', 'promo', 'voucher', 'gift', 'giftcard', 'discount', 'redeem', 'redemption', 'referral', 'invite', 'invitation', '*coupon*', '*promo*', '*voucher*', '*giftcard*'],
    postal: ['postal', 'postcode', 'zip', 'zipcode', '*postcode*', '*zipcode*', '*postalcode*'],
    card: ['card', 'cardnumber', 'ccnumber', 'ccnum', 'cc', 'cvc', 'cvv', 'cvv2', 'csc', 'cvn', 'expiry', 'expiration', 'exp', 'iban', '*cardnumber*', '*cvv*', '*cvc*'],
    search: ['search', 'query', 'q'],
    phone: ['phone', 'telephone', 'tel', 'mobile', 'msisdn', '*phone*'],
    captcha: ['captcha', 'recaptcha', 'hcaptcha', '*captcha*'],
    other: ['country', 'sku', 'serial', 'license', 'licence', 'tracking', 'barcode', 'username', 'email'],
  },
};

// Online banks, a federal ID portal, mail providers and shops in Germany ("Bestätigungscode", "SMS-Code", "Gutscheincode").
const de: LanguageWords = {
  strong: [
    'bestatigungscode*', 'sicherheitscode', 'einmalcode*', 'einmalpasswort*', 'einmalkennwort*', 'authentifizierungscode*',
    'verifizierungscode*', 'zwei faktor*', 'zweifaktor*', '2 faktor*', 'anmeldecode', 'authenticator code',
  ],
  weak: ['zugangscode', 'bestatigung'],
  authenticator: ['authentifizierungs app', 'authentifizierungsapp', 'authentifikator*', 'authenticator app', 'authentisierungs app'],
  channelField: ['posteingang', 'textnachricht', 'sms code*', 'smscode*'],
  channelPrompt: [
    'gesendet', 'geschickt', 'zugesendet', 'textnachricht', 'aus der email', 'aus der mail', 'aus ihrer email', 'aus deiner email',
    'in ihrer email', 'in deiner email', 'per email', 'per mail', 'per sms', 'code erneut senden', 'neuen code anfordern',
    'an ihre handynummer', 'ihre mobilnummer', 'ihr postfach', 'dein postfach',
  ],
  exclude: {
    coupon: ['rabatt*', 'gutschein*', 'aktionscode', 'geschenkkarte*', 'einlosen', '*gutschein*'],
    postal: ['plz', 'postleitzahl'],
    card: ['kartennummer', 'prufnummer'],
    search: ['suche', 'suchen', 'suchbegriff'],
    phone: ['telefon*', 'handynummer', 'mobilnummer', 'rufnummer'],
  },
};

// French banks (strong customer authentication), tax and health portals, shops ("code reçu par SMS", "code promo").
const fr: LanguageWords = {
  strong: [
    'code de verification', 'code de securite', 'code d authentification', 'code a usage unique', 'mot de passe a usage unique',
    'double authentification', 'authentification a deux facteurs', 'code a 6 chiffres', 'code de connexion',
  ],
  weak: ['verification'],
  authenticator: ['application d authentification', 'appli d authentification', 'authentificateur', 'application authenticator'],
  channelField: ['courriel', 'texto', 'message texte', 'recu par sms', 'par sms'],
  channelPrompt: [
    'envoye*', 'par sms', 'par email', 'par texto', 'par courriel', 'courriel', 'recu par', 'renvoyer le code', 'nouveau code',
    'votre telephone', 'votre boite', 'votre numero', 'message texte',
  ],
  exclude: {
    coupon: ['code promo', 'reduction', 'bon de reduction', 'code de reduction', 'carte cadeau', 'cheque cadeau', 'parrainage'],
    postal: ['code postal', '*codepostal*'],
    card: ['numero de carte', 'cryptogramme', 'date d expiration'],
    search: ['recherche', 'rechercher'],
    phone: ['telephone', 'portable', 'numero de mobile'],
  },
};

// Spanish and Latin American banks, government portals and shops ("código enviado por correo", "cupón").
const es: LanguageWords = {
  strong: [
    'codigo de verificacion', 'codigo de seguridad', 'codigo de autenticacion', 'codigo de acceso', 'codigo de un solo uso',
    'clave dinamica', 'verificacion en dos pasos', 'autenticacion de dos factores', 'codigo otp',
  ],
  weak: ['codigo'],
  authenticator: ['aplicacion de autenticacion', 'app de autenticacion', 'aplicacion autenticadora', 'autenticador*'],
  channelField: ['correo', 'mensaje de texto', 'mensaje'],
  channelPrompt: [
    'enviad*', 'enviamos', 'hemos enviado', 'te enviamos', 'por sms', 'por correo', 'correo', 'mensaje de texto', 'reenviar',
    'tu telefono', 'tu celular', 'tu movil',
  ],
  exclude: {
    coupon: ['cupon', 'codigo promocional', 'promocional', 'descuento', 'tarjeta regalo', 'canjear'],
    postal: ['codigo postal'],
    card: ['numero de tarjeta', 'fecha de vencimiento'],
    search: ['buscar', 'busqueda'],
    phone: ['telefono', 'celular', 'movil'],
    // "Clave" alone is a password; only "clave dinámica" (a bank's OTP) is strong.
  },
};

// Brazilian banks (token, "código de autenticação"), gov.br, marketplaces ("cupom", "CEP").
const pt: LanguageWords = {
  strong: [
    'codigo de verificacao', 'codigo de seguranca', 'codigo de autenticacao', 'codigo de acesso', 'senha de uso unico',
    'verificacao em duas etapas', 'autenticacao de dois fatores', 'token de seguranca',
  ],
  weak: ['codigo', 'token'],
  authenticator: ['aplicativo autenticador', 'aplicativo de autenticacao', 'app autenticador', 'app de autenticacao', 'autenticador*'],
  channelField: ['mensagem de texto', 'mensagem'],
  channelPrompt: [
    'enviad*', 'enviamos', 'por sms', 'por email', 'mensagem de texto', 'reenviar', 'seu celular', 'seu telefone',
    'sua caixa de entrada',
  ],
  exclude: {
    coupon: ['cupom', 'codigo promocional', 'desconto', 'vale presente', 'cartao presente', 'resgatar'],
    postal: ['cep', 'codigo postal'],
    card: ['numero do cartao', 'validade'],
    search: ['buscar', 'pesquisar', 'pesquisa', 'busca'],
    phone: ['telefone', 'celular'],
  },
};

// Italian banks (SCA), SPID identity providers, shops ("codice di verifica", "codice sconto", "CAP").
const it: LanguageWords = {
  strong: [
    'codice di verifica', 'codice di sicurezza', 'codice otp', 'codice di autenticazione', 'codice monouso', 'password monouso',
    'verifica in due passaggi', 'autenticazione a due fattori', 'codice di accesso',
  ],
  weak: ['codice'],
  authenticator: ['app di autenticazione', 'applicazione di autenticazione', 'autenticatore', 'app authenticator'],
  channelField: ['messaggio', 'posta elettronica'],
  channelPrompt: [
    'inviat*', 'tramite sms', 'via sms', 'per email', 'tramite email', 'posta elettronica', 'invia di nuovo', 'reinvia',
    'il tuo telefono', 'il tuo cellulare', 'messaggio',
  ],
  exclude: {
    coupon: ['codice sconto', 'sconto', 'buono regalo', 'codice promozionale', 'promozionale', 'carta regalo'],
    postal: ['cap', 'codice postale'],
    card: ['numero della carta', 'scadenza'],
    search: ['cerca', 'ricerca'],
    phone: ['telefono', 'cellulare'],
    other: ['codice fiscale', 'partita iva'],
  },
};

// Japanese portals, banks and game platforms ("認証コード", "確認コード", "ワンタイムパスワード", "SMSで送信").
const ja: LanguageWords = {
  strong: ['認証コード', '確認コード', 'ワンタイム', '2段階認証', '二段階認証', '2要素認証', '二要素認証'],
  weak: ['コード'],
  authenticator: ['認証アプリ', '認証システムアプリ', '認証システム', 'オーセンティケーター', '認証用アプリ'],
  channelField: ['sms', 'ショートメッセージ', 'メール'],
  channelPrompt: [
    'ショートメッセージ', '送信しました', '送信された', '送信されました', '送られ', 'メールアドレスに', 'メールに記載', 'メールを送信',
    'メールで', '携帯電話', '電話番号', '再送', 'コードを再送',
  ],
  exclude: {
    coupon: ['クーポン', '割引', 'プロモーション', 'ギフト'],
    postal: ['郵便番号'],
    card: ['セキュリティコード', 'クレジット', 'カード番号'],
    search: ['検索'],
    phone: ['電話'],
  },
};

/**
 * Chinese banks, cloud consoles and app stores. "验证码" alone is ambiguous in China: most
 * sign-ins send it by SMS, and an image CAPTCHA is called that too. So it is only a weak word
 * here, and the prompt decides: an SMS field nearly always sits by a "获取验证码"/"发送验证码"
 * button and says 短信 or 手机 (negative), an authenticator prompt names 身份验证器/动态口令 (positive).
 */
const zh: LanguageWords = {
  strong: ['动态口令', '动态码', '動態碼', '身份验证码', '一次性密码', '一次性', '两步验证', '双重验证', '二次验证', '两步驗證', 'mfa码'],
  weak: ['验证码', '驗證碼', '校验码'],
  authenticator: ['身份验证器', '验证器', '驗證器', '认证器', '身份验证应用', '认证应用', '动态口令'],
  channelField: ['短信', '簡訊', '邮箱', '邮件', '手机验证码', '手机'],
  channelPrompt: ['短信', '簡訊', '已发送', '发送至', '发送到', '获取验证码', '发送验证码', '重新发送', '重新获取', '秒后', '手机号', '邮箱', '邮件'],
  exclude: {
    coupon: ['优惠券', '优惠码', '兑换码', '折扣码', '礼品卡', '邀请码', '推荐码'],
    postal: ['邮编', '邮政编码'],
    card: ['信用卡', '银行卡', '卡号', '安全码', '有效期'],
    search: ['搜索'],
    phone: ['手机', '手機', '电话'],
    captcha: ['图形验证码', '图片验证码', '圖形驗證碼'],
  },
};

// Russian banks, mail and state-services portals ("код подтверждения", "код из SMS", "промокод").
const ru: LanguageWords = {
  strong: [
    'код* подтвержден*', 'одноразов*', 'код* проверки', 'код* аутентификаци*', 'код* верификаци*', 'двухфакторн*',
    'двухэтапн*', 'код* безопасности',
  ],
  weak: ['код', 'кода', 'коду', 'кодом'],
  authenticator: ['приложени* аутентифика*', 'приложени* для аутентифика*', 'аутентификатор*'],
  channelField: ['смс', 'sms', 'почт*', 'сообщени*'],
  channelPrompt: [
    '*отправ*', 'смс', 'выслан*', 'пришл*', 'повторно', 'по почте', 'на почту', 'электронн*', 'на телефон', 'на номер',
    'в сообщении',
  ],
  exclude: {
    coupon: ['купон*', 'промокод*', 'скидк*', 'подарочн*', 'сертификат*'],
    postal: ['почтов* индекс', 'индекс'],
    card: ['номер карты', 'cvc код'],
    search: ['поиск*', 'найти'],
    phone: ['телефон*', 'мобильн*'],
    other: ['код* страны', 'код* города'],
  },
};

// Gulf and Egyptian banks, e-government and shops ("رمز التحقق", "رمز المصادقة", "رمز مرسل عبر الرسائل القصيرة").
const ar: LanguageWords = {
  strong: [
    'رمز التحقق', 'رمز المصادقة', 'رمز الامان', 'كلمة المرور لمرة واحدة', 'رمز لمرة واحدة', 'المصادقة الثنائية',
    'التحقق بخطوتين', 'رمز التاكيد', 'كود التحقق',
  ],
  weak: ['رمز', 'كود'],
  authenticator: ['تطبيق المصادقة', 'تطبيق مصادقة', 'تطبيق التحقق', 'تطبيق مصادق*'],
  channelField: ['الرسائل القصيرة', 'رسالة نصية', 'بريد', 'ايميل'],
  channelPrompt: [
    'ارسلنا', 'ارسال', 'مرسل', 'المرسل', 'الرسائل القصيرة', 'رسالة نصية', 'البريد الالكتروني', 'بريدك', 'رقم هاتفك',
    'رقم جوالك', 'اعادة ارسال',
  ],
  exclude: {
    coupon: ['قسيمة', 'كوبون', 'رمز الخصم', 'كود الخصم', 'خصم', 'بطاقة هدية', 'رمز ترويجي', 'الرمز الترويجي'],
    postal: ['الرمز البريدي'],
    card: ['رقم البطاقة'],
    search: ['بحث', 'ابحث'],
    phone: ['هاتف', 'جوال'],
  },
};

// Other languages sites already showed us (Dutch, Polish, Turkish, Nordic, Korean, traditional Chinese).
const more: LanguageWords = {
  strong: [
    'verificatiecode', 'beveiligingscode', 'kod weryfikacyjny', 'kod uwierzytelniajacy', 'kod bezpieczenstwa', 'dogrulama kodu',
    'verifieringskod', 'engangskod', 'bekraftelseskode', 'vahvistuskoodi', '인증 코드', '인증번호', '인증코드',
  ],
  weak: ['kod', 'koodi', 'kode'],
  authenticator: ['authenticatie app', 'aplikacj* uwierzytelniaj*', '인증 앱', '인증앱'],
  channelField: [],
  channelPrompt: ['verzonden', 'gestuurd', 'wyslalismy', '문자', '발송'],
  exclude: { postal: ['postnummer', 'postnr'] },
};

export const OTP_WORDS: Record<Language, LanguageWords> = { en, de, fr, es, pt, it, ja, zh, ru, ar, more };
