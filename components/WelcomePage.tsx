import { Fragment } from 'preact';
import { SLOT, t } from '@/lib/i18n';
import { Slotted } from './Slotted';

/** A keyboard shortcut drawn as keys; key names are the same in every language. */
function Keys({ keys }: { keys: string[] }) {
  return (
    <span dir="ltr">
      {keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * Opened once, when Tessera is installed: the ways to add accounts (scan, type a key, import)
 * and the two things that keep them safe (a passphrase, a backup). Links go to the manage page's
 * sections; nothing here touches the vault.
 */
export function WelcomePage() {
  return (
    <div class="manage-page welcome">
      <header class="manage-top">
        <h1>
          <img src="/icon/32.png" width={24} height={24} alt="" /> {t('welcome_title')}
        </h1>
      </header>
      <main>
        <p class="manage-intro">
          <Slotted text={t('welcome_intro', SLOT)} parts={[<Keys keys={['Alt', 'Shift', 'K']} />]} />
        </p>
        <section class="manage-section" aria-labelledby="add-title">
          <h2 id="add-title">{t('welcome_add_title')}</h2>
          <ol class="welcome-steps">
            <li>
              <h3>{t('welcome_scan_title')}</h3>
              <p>
                <Slotted
                  text={t('welcome_scan_text', SLOT, SLOT, SLOT)}
                  parts={[<strong>{t('scan_button_text')}</strong>, <em>{t('menu_add_qr')}</em>, <Keys keys={['Alt', 'Shift', 'S']} />]}
                />
              </p>
            </li>
            <li>
              <h3>{t('welcome_key_title')}</h3>
              <p>
                <Slotted text={t('welcome_key_text', SLOT)} parts={[<strong>+</strong>]} />
              </p>
            </li>
            <li>
              <h3>{t('welcome_import_title')}</h3>
              <p>{t('welcome_import_text')}</p>
              <p>
                <a href="/options.html#import">{t('welcome_import_link')}</a>
              </p>
            </li>
          </ol>
        </section>
        <section class="manage-section" aria-labelledby="safe-title">
          <h2 id="safe-title">{t('welcome_safe_title')}</h2>
          <ol class="welcome-steps">
            <li>
              <h3>{t('welcome_passphrase_title')}</h3>
              <p>{t('welcome_passphrase_text')}</p>
              <p>
                <a href="/options.html#lock">{t('welcome_passphrase_link')}</a>
              </p>
            </li>
            <li>
              <h3>{t('welcome_backup_title')}</h3>
              <p>{t('welcome_backup_text')}</p>
              <p>
                <a href="/options.html#backup">{t('welcome_backup_link')}</a>
              </p>
            </li>
          </ol>
        </section>
      </main>
    </div>
  );
}
