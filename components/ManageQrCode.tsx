import { useMemo } from 'preact/hooks';
import { qrMatrix, qrPath } from '@/lib/manage/qr-matrix';

const QUIET_ZONE = 4;

/** A QR code drawn as SVG (dark on white in both themes: phone cameras need the contrast). */
export function ManageQrCode({ text, label, size = 264 }: { text: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    const matrix = qrMatrix(text);
    return { path: qrPath(matrix, QUIET_ZONE), modules: matrix.size + QUIET_ZONE * 2 };
  }, [text]);
  return (
    <svg class="qr-code" role="img" aria-label={label} viewBox={`0 0 ${modules} ${modules}`} width={size} height={size} shape-rendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
