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
          <img src="/icon/32.png" width={24} height={24} alt="" /> Welcome to Tessera
        </h1>
      </header>
      <main>
        <p class="manage-intro">
          Tessera keeps your two-factor codes in this browser. It works offline, and your accounts never leave this
          computer unless you export them. Pin Tessera to the toolbar (the puzzle-piece icon, then the pin) to find it
          quickly, or open it with <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>K</kbd>.
        </p>
        <section class="manage-section" aria-labelledby="add-title">
          <h2 id="add-title">Add your accounts</h2>
          <ol class="welcome-steps">
            <li>
              <h3>Scan a QR code on a page</h3>
              <p>
                When a site shows a QR code to set up two-factor authentication, open Tessera on that page and press{' '}
                <strong>Scan</strong>. You can also right-click the page and choose <em>Scan this page for a QR code</em>, or
                press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd>. Nothing is added until you confirm.
              </p>
            </li>
            <li>
              <h3>Enter a setup key</h3>
              <p>
                If the site offers a text key ("Can't scan?"), open Tessera, press <strong>+</strong> and type the key. It
                uses only the letters A to Z and the digits 2 to 7.
              </p>
            </li>
            <li>
              <h3>Import from another app</h3>
              <p>
                Tessera reads exports from Google Authenticator, Aegis, 2FAS, Bitwarden, ente Auth, andOTP, FreeOTP+ and
                Authenticator, and its own backups.
              </p>
              <p>
                <a href="/options.html#import">Import from another app</a>
              </p>
            </li>
          </ol>
        </section>
        <section class="manage-section" aria-labelledby="safe-title">
          <h2 id="safe-title">Keep them safe</h2>
          <ol class="welcome-steps">
            <li>
              <h3>Set a passphrase</h3>
              <p>
                Without one, anyone who can use this browser profile can see your codes. With one, Tessera locks after a
                while without use and when the browser quits.
              </p>
              <p>
                <a href="/options.html#lock">Set a passphrase</a>
              </p>
            </li>
            <li>
              <h3>Make a backup</h3>
              <p>
                If this browser profile is lost, so are the accounts in it. An encrypted backup file, kept somewhere else,
                brings them back.
              </p>
              <p>
                <a href="/options.html#backup">Make an encrypted backup</a>
              </p>
            </li>
          </ol>
        </section>
      </main>
    </div>
  );
}
