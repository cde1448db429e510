/** A cell position in the grid: row 0 is the first pupil, column 0 the row header. */
export interface GridPosition {
  readonly row: number;
  readonly col: number;
}

/** How far PageUp / PageDown move. */
export const PAGE_ROWS = 10;

/**
 * Where a key moves the active cell, per the WAI-ARIA grid pattern; undefined
 * when the key is not a navigation key. Moves stop at the edges (no wrapping).
 */
export function moveFor(
  key: string,
  ctrl: boolean,
  at: GridPosition,
  rows: number,
  cols: number,
  rtl = false,
): GridPosition | undefined {
  const clampRow = (r: number): number => Math.max(0, Math.min(rows - 1, r));
  const clampCol = (c: number): number => Math.max(0, Math.min(cols - 1, c));
  const left = rtl ? 1 : -1;
  switch (key) {
    case 'ArrowUp':
      return { row: clampRow(at.row - 1), col: at.col };
    case 'ArrowDown':
      return { row: clampRow(at.row + 1), col: at.col };
    case 'ArrowLeft':
      return { row: at.row, col: clampCol(at.col + left) };
    case 'ArrowRight':
      return { row: at.row, col: clampCol(at.col - left) };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: at.row, col: 0 };
    case 'End':
      return ctrl ? { row: rows - 1, col: cols - 1 } : { row: at.row, col: cols - 1 };
    case 'PageUp':
      return { row: clampRow(at.row - PAGE_ROWS), col: at.col };
    case 'PageDown':
      return { row: clampRow(at.row + PAGE_ROWS), col: at.col };
    default:
      return undefined;
  }
}
