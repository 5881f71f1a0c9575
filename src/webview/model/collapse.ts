/**
 * Which tactic columns start collapsed: those whose techniques (sub-techniques included) are all not applicable,
 * so that the first columns in view are not a wall of "not applicable" (Reconnaissance and Resource Development on
 * any Enterprise model with a tech stack) and the gaps are. A column the user opened or collapsed keeps that choice
 * (HeatmapViewState.columns); one never touched follows the data, after every update. Pure, shared by the matrix
 * and the tests.
 */
import type { CoverageResult } from '../../core/coverage/types';
import type { ColumnChoice } from '../../protocol';

/**
 * The tactics whose techniques are all not applicable. A tactic without techniques is not among them (there is
 * nothing to fold away), and when every tactic that has techniques would be, none is: a model whose tech stack
 * matches nothing of the matrix (an Enterprise stack on the ICS matrix) is shown as it is, not as a row of strips.
 */
export function notApplicableTactics(result: CoverageResult): Set<string> {
  const total = new Map<string, number>();
  const notApplicable = new Map<string, number>();
  for (const t of result.techniques) {
    for (const tactic of t.tactics) {
      total.set(tactic, (total.get(tactic) ?? 0) + 1);
      if (t.state === 'not-applicable') notApplicable.set(tactic, (notApplicable.get(tactic) ?? 0) + 1);
    }
  }
  const withTechniques = result.tactics.filter((t) => (total.get(t.shortname) ?? 0) > 0);
  const folded = withTechniques.filter((t) => notApplicable.get(t.shortname) === total.get(t.shortname));
  return folded.length === withTechniques.length ? new Set() : new Set(folded.map((t) => t.shortname));
}

/** The user's column choices as a map (the view state keeps a plain object; only its own keys count). */
export function columnChoices(choices: Readonly<Record<string, ColumnChoice>> | undefined): Map<string, ColumnChoice> {
  return new Map(choices ? Object.entries(choices) : []);
}

/**
 * Whether a tactic's column is collapsed: the user's choice when there is one; otherwise collapsed when it is in
 * `defaults`, except when the tactic filter picks it or another filter matches some of its techniques (a search
 * for a technique of a folded tactic shows it).
 */
export function isCollapsed(
  tactic: string,
  choices: ReadonlyMap<string, ColumnChoice>,
  defaults: ReadonlySet<string>,
  context: { readonly tacticFilter: string; readonly filtered: boolean; readonly matches: number },
): boolean {
  const choice = choices.get(tactic);
  if (choice) return choice === 'collapsed';
  if (!defaults.has(tactic) || context.tacticFilter === tactic) return false;
  return !context.filtered || context.matches === 0;
}

/** The view state's column choices after the user toggles `tactic` (shown collapsed or not, now). */
export function toggledColumns(
  choices: Readonly<Record<string, ColumnChoice>> | undefined,
  tactic: string,
  collapsedNow: boolean,
): Record<string, ColumnChoice> {
  return { ...Object.fromEntries(columnChoices(choices)), [tactic]: collapsedNow ? 'open' : 'collapsed' };
}
