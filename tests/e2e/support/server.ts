/**
 * Static HTTP + HTTPS server for the demo site and e2e fixtures: serves
 * `tests/fixtures/site/` for every `*.test` host (Chromium maps those names to
 * 127.0.0.1 with `--host-resolver-rules`), renders QR codes on request and logs
 * every request so tests can prove what was (and was not) fetched.
 */
import { readFile, stat } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURE_SITE_ROOT = path.join(repoRoot, 'tests/fixtures/site');
const TLS_DIR = path.join(repoRoot, 'tests/fixtures/tls');

/** Name of the optional per-path header map inside the site root (never served itself). */
export const HEADERS_FILE = '_headers.json';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface RequestLogEntry {
  method: string;
  scheme: 'http' | 'https';
  /** Host header without the port, e.g. `acme.test`. */
  host: string;
  /** Path and query exactly as requested, e.g. `/qr.png?text=...`. */
  url: string;
  pathname: string;
  status: number;
  time: number;
}

export type HeaderMap = Record<string, Record<string, string>>;

export interface FixtureServerOptions {
  /** 0 (the default) picks a free port. */
  httpsPort?: number;
  httpPort?: number;
  /** Directory to serve; defaults to `tests/fixtures/site`. */
  root?: string;
  /** Extra response headers per pathname, merged over `_headers.json` in the root. */
  headers?: HeaderMap;
}

export interface FixtureServer {
  readonly httpsPort: number;
  readonly httpPort: number;
  readonly root: string;
  /** Every request since start (or the last `clearRequests()`), in arrival order. */
  readonly requests: RequestLogEntry[];
  clearRequests(): void;
  /** `https://<host>.test:<port>/<path>`; `host` may be given with or without `.test`. */
  url(host: string, pathname?: string, scheme?: 'http' | 'https'): string;
  /** Adds or replaces response headers for one pathname (e.g. `{ 'Content-Security-Policy': 'sandbox' }`). */
  setHeaders(pathname: string, headers: Record<string, string>): void;
  /** Drops headers added with `setHeaders` (the `_headers.json` map stays). */
  resetHeaders(): void;
  close(): Promise<void>;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const root = path.resolve(options.root ?? FIXTURE_SITE_ROOT);
  const fileHeaders = await readHeaderMap(root);
  let dynamicHeaders: HeaderMap = { ...options.headers };
  const requests: RequestLogEntry[] = [];

  const handler = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      scheme,
      host: (req.headers.host ?? '').replace(/:\d+$/, ''),
      url,
      pathname: safePathname(url) ?? url,
      status: 0,
      time: Date.now(),
    };
    requests.push(entry);
    handle(req, res, url, root, { ...fileHeaders, ...dynamicHeaders })
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
        else res.destroy();
        console.error('[fixture-server]', error);
      })
      .finally(() => {
        // Set before this turn of the event loop ends, so a test that got the response sees it.
        entry.status = res.statusCode;
      });
  };

  const [cert, key] = await Promise.all([
    readFile(path.join(TLS_DIR, 'cert.pem')),
    readFile(path.join(TLS_DIR, 'key.pem')),
  ]);
  const https = createHttpsServer({ cert, key }, handler('https'));
  const http = createHttpServer(handler('http'));
  const httpsPort = await listen(https, options.httpsPort ?? 0);
  let httpPort: number;
  try {
    httpPort = await listen(http, options.httpPort ?? 0);
  } catch (error) {
    await closeServer(https);
    throw error;
  }

  return {
    httpsPort,
    httpPort,
    root,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    url(host, pathname = '/', scheme = 'https') {
      const name = host.includes('.') ? host : `${host}.test`;
      const port = scheme === 'https' ? httpsPort : httpPort;
      return `${scheme}://${name}:${port}/${pathname.replace(/^\/+/, '')}`;
    },
    setHeaders(pathname, headers) {
      dynamicHeaders[pathname] = { ...dynamicHeaders[pathname], ...headers };
    },
    resetHeaders() {
      dynamicHeaders = { ...options.headers };
    },
    close: () => Promise.all([closeServer(https), closeServer(http)]).then(() => undefined),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, url: string, root: string, headers: HeaderMap) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const pathname = safePathname(url);
  if (pathname === null) return send(res, 400, 'text/plain; charset=utf-8', 'Bad request\n');
  const extra = headers[pathname] ?? {};
  const query = new URL(url, 'http://fixture.invalid').searchParams;

  if (pathname === '/qr.png' || pathname === '/qr.svg' || pathname === '/qr-matrix.json') {
    return sendQr(res, pathname, query, extra);
  }

  // Resolve inside the root only: a `..` that survives normalisation, an
  // absolute path or a hidden/`_` file is treated as missing.
  const relative = path.posix.normalize(pathname).replace(/^\/+/, '');
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s.startsWith('.') || s.startsWith('_'))) {
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
  let file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) {
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
  }
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { Location: `${pathname}/`, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'Not found\n', extra);

  const body = await readFile(file);
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  send(res, 200, type, req.method === 'HEAD' ? '' : body, extra, body.length);
}

async function sendQr(res: ServerResponse, pathname: string, query: URLSearchParams, extra: Record<string, string>) {
  const text = query.get('text');
  if (!text) return send(res, 400, 'text/plain; charset=utf-8', 'Missing ?text=\n');
  const ecl = (query.get('ecl') ?? 'M').toUpperCase();
  if (!['L', 'M', 'Q', 'H'].includes(ecl)) return send(res, 400, 'text/plain; charset=utf-8', 'Bad ?ecl=\n');
  const errorCorrectionLevel = ecl as 'L' | 'M' | 'Q' | 'H';
  const margin = intParam(query, 'margin', 4, 0, 40);
  const scale = intParam(query, 'scale', 6, 1, 40);
  const width = query.has('width') ? intParam(query, 'width', 0, 21, 4000) : undefined;
  const color = { dark: colorParam(query, 'dark', '#000000ff'), light: colorParam(query, 'light', '#ffffffff') };
  if (margin === null || scale === null || width === null || !color.dark || !color.light) {
    return send(res, 400, 'text/plain; charset=utf-8', 'Bad QR parameter\n');
  }
  const options = { errorCorrectionLevel, margin, scale, color: color as { dark: string; light: string }, ...(width ? { width } : {}) };

  if (pathname === '/qr.png') {
    return send(res, 200, 'image/png', await QRCode.toBuffer(text, { ...options, type: 'png' }), extra);
  }
  if (pathname === '/qr.svg') {
    return send(res, 200, 'image/svg+xml', await QRCode.toString(text, { ...options, type: 'svg' }), extra);
  }
  // Rows of 0/1 so a page can draw the code on <canvas> with its own styling.
  const { modules } = QRCode.create(text, { errorCorrectionLevel });
  const rows: number[][] = [];
  for (let y = 0; y < modules.size; y++) {
    const row: number[] = [];
    for (let x = 0; x < modules.size; x++) row.push(modules.get(x, y) ? 1 : 0);
    rows.push(row);
  }
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ size: modules.size, modules: rows }), extra);
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
  length = typeof body === 'string' ? Buffer.byteLength(body) : body.length,
) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(length),
    // Tests reload the same pages across browser restarts; never let a cache answer.
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

/** Decoded pathname, or null when it is malformed or contains a NUL or backslash. */
function safePathname(url: string): string | null {
  try {
    const pathname = decodeURIComponent(new URL(url, 'http://fixture.invalid').pathname);
    return /[\0\\]/.test(pathname) ? null : pathname;
  } catch {
    return null;
  }
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | null {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** `#rgb`, `rgb`, `rrggbb` or `rrggbbaa` (the `#` is optional because it must be escaped in a URL). */
function colorParam(query: URLSearchParams, name: string, fallback: string): string | null {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const hex = raw.replace(/^#/, '');
  return /^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex) ? `#${hex}` : null;
}

async function readHeaderMap(root: string): Promise<HeaderMap> {
  const text = await readFile(path.join(root, HEADERS_FILE), 'utf8').catch(() => null);
  if (text === null) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null) throw new TypeError(`${HEADERS_FILE} must be an object`);
  return parsed as HeaderMap;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets from the browser would otherwise hold close() open.
    server.closeAllConnections();
  });
}
