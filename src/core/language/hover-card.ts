/**
 * The Markdown of a hover card over an ATT&CK ID: what the object is (name, tactics, platforms, a short
 * description), what it means in this model (state, the adversaries that use it, the controls that cover it)
 * and the link to attack.mitre.org.
 */
import type { AttackIndex, AttackObject, DataComponent, Software, Technique } from '../attack/types';
import type { CoverageInput, CoverageResult, TechniqueResult } from '../coverage/types';
import { httpsUrl } from '../text/links';
import { mdLink, mdText } from '../text/markdown';
import { fullNameOf } from './attack-candidates';
import { MAX_RULES_SHOWN, adversaryNames, coveringControls, ruleCountText, ruleEvidenceOf, techniqueById, weakComponents } from './coverage-views';
import { triageHoverLines } from './triage-views';
import { baseName } from '../validation/paths';
import { assuranceHoverLines } from './assurance-views';

/** A model's coverage of the object, when the hover is in a model or in an inventory one lists. */
export interface HoverCoverage {
  /** The model's name, for inventories that several models list. */
  readonly model: string;
  readonly result: CoverageResult;
  readonly input: CoverageInput;
}

const DESCRIPTION_LIMIT = 320;

/** The first paragraph of an ATT&CK description without citations or link targets, cut at a sentence. */
export function shortDescription(markdown: string, limit = DESCRIPTION_LIMIT): string {
  const paragraph = markdown.split(/\n\s*\n/)[0] ?? '';
  const plain = paragraph
    .replace(/\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<code>|<\/code>/g, '`')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= limit) return plain;
  const cut = plain.slice(0, limit);
  const sentence = cut.lastIndexOf('. ');
  return sentence > limit / 3 ? cut.slice(0, sentence + 1) : `${cut.replace(/\s+\S*$/, '')}…`;
}

/** Text from the data or a model, escaped so it renders as itself (text/markdown.ts). */
const escape = mdText;

/** The hover card of `object`, with a section per model that gives its coverage. */
export function hoverCard(index: AttackIndex, object: AttackObject, coverage: readonly HoverCoverage[] = []): string {
  const lines: string[] = [`**${object.id} ${escape(fullNameOf(index, object))}** · ${kindLabel(object)}`, ''];
  const facts: string[] = [];
  if (object.kind === 'technique') {
    const t = object as Technique;
    const tactics = t.tactics.map((s) => index.tactics.find((x) => x.shortname === s)?.name ?? s);
    if (tactics.length > 0) facts.push(`Tactics: ${tactics.join(', ')}`);
    if (t.platforms.length > 0) facts.push(`Platforms: ${t.platforms.join(', ')}`);
  } else if (object.kind === 'software' && (object as Software).platforms.length > 0) {
    facts.push(`Platforms: ${(object as Software).platforms.join(', ')}`);
  } else if (object.kind === 'data-component') {
    // Telemetry (docs/hunting.md): which ATT&CK log sources carry this data component.
    const names = [...new Set((object as DataComponent).logSources.map((l) => l.name))];
    if (names.length > 0) facts.push(`Log sources: ${escape(names.slice(0, 8).join(', '))}${names.length > 8 ? ` and ${names.length - 8} more` : ''}`);
  }
  if (object.aliases.length > 0) facts.push(`Also known as: ${escape(object.aliases.join(', '))}`);
  if (facts.length > 0) lines.push(facts.join(' · '), '');
  const description = shortDescription(object.description);
  if (description) lines.push(escape(description), '');
  for (const c of coverage) {
    const t = techniqueById(c.result, object.id);
    if (t) lines.push(...modelLines(index, t, c, coverage.length > 1), '');
  }
  // Only an https URL becomes a link: a bundle may carry `javascript:` or other URLs.
  if (object.url && httpsUrl(object.url) !== undefined) lines.push(mdLink(object.url.replace(/^https:\/\//, ''), object.url));
  return lines.join('\n').trim();
}

function modelLines(index: AttackIndex, t: TechniqueResult, c: HoverCoverage, named: boolean): string[] {
  const prefix = named ? `In ${escape(c.model)}` : 'In this model';
  const weak = weakComponents(t, c.result.minCoverage).filter((x) => x !== '*');
  const state = t.state === 'gap' && weak.length > 0 ? `gap on ${weak.join(', ')}` : t.state;
  const out = [`**${prefix}:** ${state}, coverage ${t.coverage}`];
  const users = adversaryNames(t, c.input, index);
  out.push(`- Used by: ${users.length > 0 ? escape(users.join(', ')) : 'none of its adversaries'}`);
  const controls = coveringControls(t);
  const controlText = controls.map((x) => `${escape(x.control)} (${x.level}${x.components[0] === '*' ? '' : ` on ${x.components.join(', ')}`})`);
  out.push(`- Covered by: ${controlText.length > 0 ? controlText.join(', ') : 'no control'}`);
  // Rule-backed controls: which rules (title, status, file and line), the first few of each.
  for (const r of ruleEvidenceOf(t)) {
    const shown = r.rules.slice(0, MAX_RULES_SHOWN).map((x) => `${escape(x.title)} (${x.status !== undefined ? `${escape(x.status)}, ` : ''}${x.level}; ${escape(baseName(x.file))}:${x.line})`);
    const more = r.count - shown.length;
    out.push(`- ${escape(r.control)}: covered by ${ruleCountText(r.format, r.count)}: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  if (t.exclusion) out.push(`- Excluded: ${escape(t.exclusion.reason)}`);
  // Claimed vs validated, and the atomic tests that would validate it.
  out.push(...assuranceHoverLines(t));
  // A gap or accepted technique: its outcome, each decision point with its evidence, what would close it.
  out.push(...triageHoverLines(t, c.input.triage));
  return out;
}

function kindLabel(object: AttackObject): string {
  if (object.kind === 'technique') return (object as Technique).isSubtechnique ? 'sub-technique' : 'technique';
  if (object.kind === 'software') return (object as Software).softwareType;
  return object.kind;
}
