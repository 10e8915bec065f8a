// @vitest-environment happy-dom
/**
 * The detector in the ten shipped languages (issue 16, item 4): whole small forms (heading,
 * prompt, label, input with the attributes real sites use), written after the 2FA, sign-in and
 * checkout pages of services localised in each language (our own simplified copies). What each
 * form should get is a native reader's reading of the page, not the detector's output.
 */
import { describe, expect, it } from 'vitest';
import { detectOtpTarget, type OtpTarget } from '@/lib/autofill/detect';
import { boxes, createFakeEnv } from './fake-env';

const at = (top: number) => `data-rect="100,${top},300,40"`;
/** A six-box row, as code-entry widgets draw it. */
const sixBoxes = (label: string) => `<div role="group" aria-label="${label}">${boxes(6, 'inputmode="numeric" type="text" autocomplete="one-time-code"', 100, 300)}</div>`;

/** `#id` = the single field filled; `6 boxes` = a split row; `none` = nothing offered. */
type Expect = `#${string}` | '6 boxes' | 'none';

const FORMS: Array<[lang: string, form: string, html: string, expected: Expect]> = [
  // German
  ['de', 'authenticator app, "Bestätigungscode"', `<main lang="de"><h1>Zwei-Faktor-Authentifizierung</h1><p>Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein.</p><form><label for="otp">Bestätigungscode</label><input id="otp" name="otp" type="text" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Bestätigen</button></form></main>`, '#otp'],
  ['de', 'compound label "Einmalpasswort" only', `<form><h2>Anmeldung bestätigen</h2><label for="tan">Einmalpasswort aus der Authentifizierungs-App</label><input id="tan" name="token" type="tel" autocomplete="off" ${at(300)}><button>Weiter</button></form>`, '#tan'],
  ['de', 'six boxes "Sicherheitscode"', `<form><h2>Sicherheitscode eingeben</h2><p>Den Code finden Sie in Ihrer Authentifizierungs-App.</p>${sixBoxes('Sicherheitscode')}</form>`, '6 boxes'],
  ['de', 'SMS-Code', `<form><h1>Bestätigen Sie Ihre Identität</h1><p>Wir haben Ihnen einen Code per SMS an +49 ••• ••12 geschickt.</p><label for="c">SMS-Code</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">Code erneut senden</a></form>`, 'none'],
  ['de', 'code from the e-mail', `<div><h1>Posteingang prüfen</h1><p>Wir haben Ihnen einen Bestätigungscode an m•••@example.de gesendet.</p></div><form><label for="c">Bestätigungscode</label><input id="c" name="code" autocomplete="one-time-code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['de', 'Gutscheincode at checkout', `<form><h2>Warenkorb</h2><label for="g">Gutscheincode</label><input id="g" name="voucherCode" maxlength="8" ${at(300)}><button>Einlösen</button></form>`, 'none'],
  ['de', 'Postleitzahl', `<form><h2>Lieferadresse</h2><label for="p">Postleitzahl</label><input id="p" name="plz" inputmode="numeric" maxlength="5" ${at(300)}></form>`, 'none'],
  ['de', 'search box', `<form role="search"><label for="s">Suche</label><input id="s" name="suche" type="text" maxlength="6" ${at(300)}></form>`, 'none'],

  // French
  ['fr', 'application d’authentification', `<main lang="fr"><h1>Validation en deux étapes</h1><p>Saisissez le code à 6 chiffres généré par votre application d’authentification.</p><form><label for="code">Code de vérification</label><input id="code" name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Valider</button></form></main>`, '#code'],
  ['fr', '"code à usage unique" placeholder', `<form><h2>Double authentification</h2><input id="totp" name="totp" type="text" placeholder="Code à usage unique" ${at(300)}><button>Continuer</button></form>`, '#totp'],
  ['fr', 'six boxes', `<form><h2>Authentification à deux facteurs</h2><p>Ouvrez votre application d'authentification.</p>${sixBoxes('Code de sécurité')}</form>`, '6 boxes'],
  ['fr', 'code reçu par SMS', `<form><h1>Confirmez votre identité</h1><p>Un code vous a été envoyé par SMS au 06 •• •• •• 42.</p><label for="c">Code reçu par SMS</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">Renvoyer le code</a></form>`, 'none'],
  ['fr', 'code sent by courriel', `<div><h1>Vérifiez votre boîte de réception</h1><p>Nous avons envoyé un code de vérification à votre adresse courriel.</p></div><form><label for="c">Code de vérification</label><input id="c" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['fr', 'code promo', `<form><h2>Votre panier</h2><label for="p">Code promo</label><input id="p" name="code" maxlength="8" ${at(300)}><button>Appliquer</button></form>`, 'none'],
  ['fr', 'code postal', `<form><h2>Adresse de livraison</h2><label for="cp">Code postal</label><input id="cp" name="cp" inputmode="numeric" maxlength="5" ${at(300)}></form>`, 'none'],

  // Spanish
  ['es', 'aplicación de autenticación', `<main lang="es"><h1>Verificación en dos pasos</h1><p>Introduce el código de 6 dígitos de tu aplicación de autenticación.</p><form><label for="otp">Código de verificación</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Verificar</button></form></main>`, '#otp'],
  ['es', 'Google Authenticator, label "Código"', `<form><h2>Autenticación de dos factores</h2><p>Abre Google Authenticator en tu teléfono.</p><label for="c">Código</label><input id="c" name="mfa_code" type="tel" maxlength="6" ${at(300)}><button>Continuar</button></form>`, '#c'],
  ['es', 'código de seguridad (dotted name)', `<form><h2>Código de seguridad</h2><label for="i1">Código de seguridad de tu autenticador</label><input id="i1" name="credentials.passcode" autocomplete="off" ${at(300)}></form>`, '#i1'],
  ['es', 'código enviado por SMS', `<form><h1>Verifica tu número</h1><p>Te enviamos un código por SMS al ••• ••• 123.</p><label for="c">Código de verificación</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">Reenviar código</a></form>`, 'none'],
  ['es', 'código enviado por correo', `<form><label for="c">Código enviado por correo</label><input id="c" name="otp" inputmode="numeric" maxlength="6" ${at(300)}></form>`, 'none'],
  ['es', 'cupón de descuento', `<form><h2>Resumen del pedido</h2><label for="cu">Cupón de descuento</label><input id="cu" name="codigo" maxlength="8" ${at(300)}><button>Aplicar</button></form>`, 'none'],
  ['es', 'buscar', `<form role="search"><input id="q" name="buscar" placeholder="Buscar" maxlength="6" ${at(300)}></form>`, 'none'],

  // Brazilian Portuguese
  ['pt-BR', 'aplicativo autenticador', `<main lang="pt-BR"><h1>Verificação em duas etapas</h1><p>Digite o código de 6 dígitos exibido no seu aplicativo autenticador.</p><form><label for="otp">Código de autenticação</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Verificar</button></form></main>`, '#otp'],
  ['pt-BR', 'token de segurança', `<form><h2>Token de segurança</h2><p>Abra o app autenticador.</p><label for="t">Token</label><input id="t" name="token" type="tel" maxlength="6" ${at(300)}></form>`, '#t'],
  ['pt-BR', 'six boxes', `<form><h2>Autenticação de dois fatores</h2><p>Use o código do seu aplicativo de autenticação.</p>${sixBoxes('Código de verificação')}</form>`, '6 boxes'],
  ['pt-BR', 'código por SMS', `<form><h1>Confirme seu celular</h1><p>Enviamos um código por SMS para (11) •••••-1234.</p><label for="c">Código de verificação</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">Reenviar código</a></form>`, 'none'],
  ['pt-BR', 'código enviado por e-mail', `<div><h1>Confira seu e-mail</h1><p>Enviamos um código de verificação para j•••@example.com.br.</p></div><form><label for="c">Código</label><input id="c" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['pt-BR', 'cupom de desconto', `<form><h2>Carrinho</h2><label for="cp">Cupom de desconto</label><input id="cp" name="cupom" maxlength="8" ${at(300)}></form>`, 'none'],
  ['pt-BR', 'CEP', `<form><h2>Endereço de entrega</h2><label for="cep">CEP</label><input id="cep" name="cep" inputmode="numeric" maxlength="8" ${at(300)}></form>`, 'none'],

  // Italian
  ['it', 'app di autenticazione', `<main lang="it"><h1>Verifica in due passaggi</h1><p>Inserisci il codice a 6 cifre generato dalla tua app di autenticazione.</p><form><label for="otp">Codice di verifica</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Verifica</button></form></main>`, '#otp'],
  ['it', 'codice OTP placeholder', `<form><h2>Autenticazione a due fattori</h2><input id="c" name="code" type="tel" placeholder="Codice OTP" ${at(300)}><button>Accedi</button></form>`, '#c'],
  ['it', 'six boxes', `<form><h2>Codice di sicurezza</h2><p>Apri l'app di autenticazione.</p>${sixBoxes('Codice di sicurezza')}</form>`, '6 boxes'],
  ['it', 'codice via SMS', `<form><h1>Conferma la tua identità</h1><p>Ti abbiamo inviato un codice tramite SMS al numero +39 ••• ••• 789.</p><label for="c">Codice di verifica</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}></form>`, 'none'],
  ['it', 'codice via e-mail', `<div><h1>Controlla la tua casella</h1><p>Abbiamo inviato un codice al tuo indirizzo e-mail.</p></div><form><label for="c">Codice</label><input id="c" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['it', 'codice sconto', `<form><h2>Carrello</h2><label for="s">Codice sconto</label><input id="s" name="codice" maxlength="8" ${at(300)}><button>Applica</button></form>`, 'none'],
  ['it', 'CAP', `<form><h2>Indirizzo di spedizione</h2><label for="cap">CAP</label><input id="cap" name="cap" inputmode="numeric" maxlength="5" ${at(300)}></form>`, 'none'],

  // Japanese
  ['ja', '認証アプリ, 確認コード, full-width placeholder', `<main lang="ja"><h1>2段階認証</h1><p>認証アプリに表示されている６桁のコードを入力してください。</p><form><label for="otp">確認コード</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" placeholder="６桁の数字" ${at(300)}><button>確認</button></form></main>`, '#otp'],
  ['ja', 'ワンタイムパスワード', `<form><h2>ログイン</h2><label for="p">ワンタイムパスワード</label><input id="p" name="pass" type="tel" autocomplete="off" ${at(300)}><button>次へ</button></form>`, '#p'],
  ['ja', 'six boxes 認証コード', `<form><h2>認証コードを入力</h2><p>Google Authenticator などの認証アプリを開いてください。</p>${sixBoxes('認証コード')}</form>`, '6 boxes'],
  ['ja', 'SMS で送信', `<form><h1>本人確認</h1><p>SMSで確認コードを送信しました。</p><label for="c">確認コード</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">コードを再送する</a></form>`, 'none'],
  ['ja', 'メールに記載', `<div><h1>メールをご確認ください</h1><p>ご登録のメールアドレスに認証コードを送信しました。</p></div><form><label for="c">認証コード</label><input id="c" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['ja', 'クーポンコード', `<form><h2>お支払い</h2><label for="k">クーポンコード</label><input id="k" name="code" maxlength="8" ${at(300)}><button>適用</button></form>`, 'none'],
  ['ja', '郵便番号', `<form><h2>お届け先</h2><label for="z">郵便番号</label><input id="z" name="zip1" inputmode="numeric" maxlength="7" placeholder="１２３４５６７" ${at(300)}></form>`, 'none'],

  // Simplified Chinese
  ['zh-CN', '身份验证器 + 验证码', `<main lang="zh-CN"><h1>两步验证</h1><p>请打开手机上的身份验证器应用，输入 6 位验证码。</p><form><label for="otp">验证码</label><input id="otp" name="code" inputmode="numeric" maxlength="6" ${at(300)}><button>验证</button></form></main>`, '#otp'],
  ['zh-CN', '动态口令', `<form><h2>安全验证</h2><label for="d">动态口令</label><input id="d" name="dynamicCode" type="text" autocomplete="off" ${at(300)}><button>确定</button></form>`, '#d'],
  ['zh-CN', 'six boxes MFA', `<form><h2>MFA 多因素认证</h2><p>请输入虚拟 MFA 设备（身份验证器）上的动态码。</p>${sixBoxes('动态码')}</form>`, '6 boxes'],
  ['zh-CN', '短信验证码', `<form><label for="s">短信验证码</label><input id="s" name="smsCode" maxlength="6" ${at(300)}><button type="button">获取验证码</button></form>`, 'none'],
  ['zh-CN', '验证码 beside a "send code" button', `<form><h2>手机登录</h2><input id="m" name="mobile" type="tel" placeholder="请输入手机号" ${at(200)}><label for="v">验证码</label><input id="v" name="verifyCode" inputmode="numeric" maxlength="6" ${at(300)}><button type="button">发送验证码</button></form>`, 'none'],
  ['zh-CN', '邮箱验证码', `<form><h2>验证邮箱</h2><p>验证码已发送至 a***@example.cn</p><label for="e">邮箱验证码</label><input id="e" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['zh-CN', '优惠码', `<form><h2>结算</h2><label for="y">优惠码</label><input id="y" name="code" maxlength="8" ${at(300)}><button>使用</button></form>`, 'none'],
  ['zh-CN', '搜索', `<form role="search"><input id="q" name="kw" placeholder="搜索" maxlength="6" ${at(300)}></form>`, 'none'],

  // Russian
  ['ru', 'приложение-аутентификатор', `<main lang="ru"><h1>Двухфакторная аутентификация</h1><p>Введите 6-значный код из приложения для аутентификации.</p><form><label for="otp">Код подтверждения</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Подтвердить</button></form></main>`, '#otp'],
  ['ru', 'одноразовый код (upper case)', `<form><h2>ВХОД В АККАУНТ</h2><label for="c">ОДНОРАЗОВЫЙ КОД</label><input id="c" name="code" type="tel" autocomplete="off" ${at(300)}></form>`, '#c'],
  ['ru', 'six boxes', `<form><h2>Код из приложения-аутентификатора</h2>${sixBoxes('Код проверки')}</form>`, '6 boxes'],
  ['ru', 'код из SMS', `<form><h1>Подтвердите вход</h1><p>Мы отправили SMS с кодом на номер +7 ••• •••-••-45.</p><label for="c">Код из SMS</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">Получить код повторно</a></form>`, 'none'],
  ['ru', 'код на почту', `<div><h1>Проверьте почту</h1><p>Код подтверждения выслан на вашу электронную почту.</p></div><form><label for="c">Код подтверждения</label><input id="c" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['ru', 'промокод', `<form><h2>Корзина</h2><label for="p">Промокод</label><input id="p" name="code" maxlength="8" ${at(300)}><button>Применить</button></form>`, 'none'],
  ['ru', 'почтовый индекс', `<form><h2>Адрес доставки</h2><label for="i">Почтовый индекс</label><input id="i" name="index" inputmode="numeric" maxlength="6" ${at(300)}></form>`, 'none'],

  // Arabic (right to left)
  ['ar', 'تطبيق المصادقة', `<main lang="ar" dir="rtl"><h1>التحقق بخطوتين</h1><p>أدخل الرمز المكوّن من ٦ أرقام من تطبيق المصادقة.</p><form><label for="otp">رمز التحقق</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" dir="ltr" ${at(300)}><button>تحقّق</button></form></main>`, '#otp'],
  ['ar', 'رمز المصادقة with attached clitic', `<form dir="rtl"><h2>المصادقة الثنائية</h2><label for="c">أدخل رمز المصادقة</label><input id="c" name="code" type="tel" autocomplete="off" ${at(300)}></form>`, '#c'],
  ['ar', 'six boxes', `<form dir="rtl"><h2>رمز الأمان</h2><p>افتح تطبيق المصادقة على هاتفك.</p>${sixBoxes('رمز التحقق')}</form>`, '6 boxes'],
  ['ar', 'رمز مرسل عبر الرسائل القصيرة', `<form dir="rtl"><h1>تأكيد الهوية</h1><p>أرسلنا رمزًا إلى رقم جوالك المنتهي بـ ٤٥.</p><label for="c">رمز مرسل عبر الرسائل القصيرة</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">إعادة إرسال الرمز</a></form>`, 'none'],
  ['ar', 'رمز عبر البريد الإلكتروني', `<div dir="rtl"><h1>تحقق من بريدك</h1><p>تم إرسال رمز التحقق إلى بريدك الإلكتروني.</p></div><form dir="rtl"><label for="c">رمز التحقق</label><input id="c" name="code" maxlength="6" ${at(300)}></form>`, 'none'],
  ['ar', 'قسيمة خصم', `<form dir="rtl"><h2>سلة التسوق</h2><label for="k">رمز القسيمة</label><input id="k" name="code" maxlength="8" ${at(300)}><button>تطبيق</button></form>`, 'none'],
  ['ar', 'الرمز البريدي', `<form dir="rtl"><h2>عنوان الشحن</h2><label for="z">الرمز البريدي</label><input id="z" name="zip" inputmode="numeric" maxlength="5" ${at(300)}></form>`, 'none'],
  ['ar', 'بحث', `<form role="search" dir="rtl"><input id="q" name="s" placeholder="ابحث" maxlength="6" ${at(300)}></form>`, 'none'],

  // Only the words say it: opaque generated names, no autocomplete, no maxlength.
  ['de', 'label only: "Authentifizierungscode"', `<form><label for="f7">Authentifizierungscode</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],
  ['fr', 'label only: "Code d’authentification"', `<form><label for="f7">Code d’authentification</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],
  ['ja', 'label only: "ワンタイムパスワード（６桁）"', `<form><label for="f7">ワンタイムパスワード（６桁）</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],
  ['zh-CN', 'label only: "动态口令", authenticator named above', `<p>打开身份验证器查看动态口令</p><form><label for="f7">动态口令</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],
  ['ru', 'label only: "Одноразовый пароль"', `<form><label for="f7">Одноразовый пароль</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],
  ['ar', 'label only: "رمز التحقق"', `<form dir="rtl"><label for="f7">رمز التحقق</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],
  ['ar', 'label only, unvoweled vs voweled: "رَمْز الأمان"', `<form dir="rtl"><label for="f7">رَمْز الأمان</label><input id="f7" name="field_7" type="text" ${at(300)}></form>`, '#f7'],

  // Code-named fields that are not 2FA codes.
  ['it', 'codice fiscale at sign-up', `<form><h2>Dati personali</h2><label for="cf">Codice fiscale</label><input id="cf" name="codice" maxlength="16" ${at(300)}></form>`, 'none'],
  ['zh-CN', '信用卡安全码', `<form><h2>添加银行卡</h2><label for="cvn">安全码</label><input id="cvn" name="cvn2" inputmode="numeric" maxlength="6" ${at(300)}></form>`, 'none'],
  ['ru', 'код страны', `<form><label for="cc">Код страны</label><input id="cc" name="code" maxlength="6" ${at(300)}></form>`, 'none'],

  // English, for the same shapes
  ['en', 'authenticator app', `<main lang="en"><h1>Two-step verification</h1><p>Enter the 6-digit code from your authenticator app.</p><form><label for="otp">Verification code</label><input id="otp" name="otp" inputmode="numeric" maxlength="6" autocomplete="one-time-code" ${at(300)}><button>Verify</button></form></main>`, '#otp'],
  ['en', 'Resend link under a verification code', `<form><h1>Verify your sign-in</h1><label for="c">Verification code</label><input id="c" name="code" inputmode="numeric" maxlength="6" ${at(300)}><a href="#">Resend code</a></form>`, 'none'],
];

function outcome(target: OtpTarget): string {
  if (target.kind === 'single') return `#${target.field.id}`;
  if (target.kind === 'split') return `${target.fields.length} boxes`;
  return target.kind === 'none' ? 'none' : `ambiguous (${target.reason})`;
}

describe('detectOtpTarget in the shipped languages', () => {
  it.each(FORMS)('[%s] %s', (_lang, _form, html, expected) => {
    document.body.innerHTML = html;
    expect(outcome(detectOtpTarget(document, createFakeEnv(document)))).toBe(expected);
  });

  it('covers every shipped language with 3 must-fill and 4 must-not-offer forms', () => {
    for (const lang of ['de', 'fr', 'es', 'pt-BR', 'it', 'ja', 'zh-CN', 'ru', 'ar']) {
      const forms = FORMS.filter(([l]) => l === lang);
      expect(forms.filter(([, , , e]) => e !== 'none').length, lang).toBeGreaterThanOrEqual(3);
      expect(forms.filter(([, , , e]) => e === 'none').length, lang).toBeGreaterThanOrEqual(4);
    }
  });
});
