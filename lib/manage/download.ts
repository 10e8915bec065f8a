/**
 * Owns saving a text file from the manage page: a Blob URL clicked through `<a download>`, so no
 * `downloads` permission is needed. The URL is revoked soon after the click.
 */
export function saveTextFile(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Chrome reads the Blob asynchronously after the click; revoking in the same task can cancel it.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
