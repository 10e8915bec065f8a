import { useMemo } from 'preact/hooks';
import { qrMatrix, qrPath } from '@/lib/manage';

const QUIET_ZONE = 4;

/** Below this many pixels per module, cameras (and decoders) start to miss dense codes. */
const MIN_MODULE_PX = 4;

/**
 * A QR code drawn as SVG (dark on white in both themes: phone cameras need the contrast). Each
 * module is a whole number of pixels: at 3.5 px, crisp edges alternate 3 and 4 px and readers fail.
 */
export function ManageQrCode({ text, label, size = 264 }: { text: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    const matrix = qrMatrix(text);
    return { path: qrPath(matrix, QUIET_ZONE), modules: matrix.size + QUIET_ZONE * 2 };
  }, [text]);
  const pixels = modules * Math.max(MIN_MODULE_PX, Math.floor(size / modules));
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${modules} ${modules}`} width={pixels} height={pixels} shape-rendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
