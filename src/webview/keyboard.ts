/**
 * Grid navigation over the matrix columns (pure, so it is unit-tested): up/down within a tactic, left/right to the
 * same row of the nearest non-empty tactic (or its last cell when shorter), Home/End and PageUp/PageDown in a column.
 */
export type GridMove = 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageUp' | 'pageDown';

export interface GridColumn<T> {
  readonly cells: readonly T[];
}

const PAGE = 10;

/** The cell a key press moves to from (column, row), or undefined when it would leave the grid. */
export function nextCell<T>(columns: readonly GridColumn<T>[], column: number, row: number, move: GridMove): T | undefined {
  const cells = columns[column]?.cells ?? [];
  switch (move) {
    case 'up':
      return cells[row - 1];
    case 'down':
      return cells[row + 1];
    case 'home':
      return cells[0];
    case 'end':
      return cells[cells.length - 1];
    case 'pageUp':
      return cells[Math.max(0, row - PAGE)];
    case 'pageDown':
      return cells[Math.min(cells.length - 1, row + PAGE)];
    case 'left':
    case 'right': {
      const step = move === 'left' ? -1 : 1;
      for (let c = column + step; c >= 0 && c < columns.length; c += step) {
        const next = columns[c]?.cells ?? [];
        if (next.length > 0) return next[Math.min(row, next.length - 1)];
      }
      return undefined;
    }
  }
}
