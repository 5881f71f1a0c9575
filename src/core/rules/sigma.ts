/**
 * Sigma rules (YAML, one or more documents per file) to DetectionRule. Techniques come from `tags` written
 * `attack.tNNNN` / `attack.tNNNN.NNN`; tactic (`attack.execution`), group (`attack.g0032`) and software
 * (`attack.s0002`) tags are not techniques. Multi-document files follow Sigma's rule collections: a document
 * with `action: global` gives defaults to the documents after it, `action: reset` drops them, `action: repeat`
 * repeats the previous rule with its own fields over it. Never throws: a broken file is a problem with a line.
 */
import { LineCounter, YAMLError, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Document, Node } from 'yaml';
import { MAX_PARSE_DEPTH, yamlTooDeep } from '../model/yaml-limits';
import { cutText, problem } from './text';
import type { DetectionRule, ParsedRules, RuleProblem, RuleTechnique, SigmaLogsource } from './types';
import { MAX_RULE_FILE_CHARS } from './types';

const TECHNIQUE_TAG = /^attack\.(t\d{4}(?:\.\d{3})?)$/i;
/** `attack.t` + a digit: meant as a technique; when not TECHNIQUE_TAG, a malformed one. */
const TECHNIQUE_LIKE = /^attack\.t\d/i;

/** What one document says, with the lines of the parts a rule points at. */
interface SigmaDoc {
  readonly data: Readonly<Record<string, unknown>>;
  /** 1-based line of the document's start, of its `title` key and of each technique tag. */
  readonly line: number;
  readonly titleLine?: number;
  readonly techniques: readonly RuleTechnique[];
}

/** Every rule in a Sigma YAML file, and what could not be read. */
export function parseSigmaRules(text: string, file: string): ParsedRules {
  if (text.length > MAX_RULE_FILE_CHARS) return { rules: [], problems: [problem('too-large', file, 1, 1, `the Sigma file is larger than ${MAX_RULE_FILE_CHARS / 1024 / 1024} MB: not read`)] };
  if (yamlTooDeep(text)) return { rules: [], problems: [problem('too-large', file, 1, 1, `the Sigma file nests mappings and lists more than ${MAX_PARSE_DEPTH} levels deep: not read`)] };
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
    docs = Array.isArray(parsed) ? parsed : [];
  } catch {
    return { rules: [], problems: [problem('parse-error', file, 1, 1, 'the Sigma file could not be read as YAML (it nests too deep or is too large)')] };
  }
  const problems: RuleProblem[] = [];
  const rules: DetectionRule[] = [];
  let global: SigmaDoc | undefined;
  let previous: SigmaDoc | undefined;
  for (const doc of docs) {
    const line = lineCounter.linePos(doc.range[0]).line;
    const error = doc.errors[0];
    if (error) {
      // Never `yaml`'s message: it may quote the file.
      const at = error instanceof YAMLError ? lineCounter.linePos(Math.min(error.pos[0], text.length)) : { line, col: 1 };
      problems.push(problem('parse-error', file, at.line, at.col, `not valid YAML (line ${at.line}, column ${at.col}): the rule is not read`));
      continue;
    }
    if (doc.contents === null) continue;
    const read = readDoc(doc, line, lineCounter, file, problems);
    if (!read) {
      problems.push(problem('not-a-rule', file, line, 1, 'a Sigma document must be a YAML mapping'));
      continue;
    }
    const action = read.data['action'];
    if (action === 'global') {
      global = read;
      continue;
    }
    if (action === 'reset') {
      global = undefined;
      continue;
    }
    const base = action === 'repeat' ? previous : global;
    const merged = base ? merge(base, read) : read;
    previous = merged;
    const rule = toRule(merged, file);
    if (rule) rules.push(rule);
    else problems.push(problem('not-a-rule', file, read.line, 1, 'not a Sigma rule: it needs a `title`'));
  }
  return { rules, problems };
}

function readDoc(doc: Document.Parsed, line: number, lc: LineCounter, file: string, problems: RuleProblem[]): SigmaDoc | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    problems.push(problem('too-large', file, line, 1, 'the Sigma document expands aliases too far: not read'));
    return { data: {}, line, techniques: [] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  let titleLine: number | undefined;
  const techniques: RuleTechnique[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (key === 'title') titleLine = lineOf(pair.key as Node, lc, line);
    if (key !== 'tags' || !isSeq(pair.value)) continue;
    for (const item of pair.value.items) {
      if (!isScalar(item) || typeof item.value !== 'string') continue;
      const tag = item.value.trim();
      const match = TECHNIQUE_TAG.exec(tag);
      const at = lineOf(item, lc, line);
      if (match) techniques.push({ id: (match[1] as string).toUpperCase(), line: at });
      else if (TECHNIQUE_LIKE.test(tag)) problems.push(problem('malformed-tag', file, at, 1, `the tag ${JSON.stringify(cutText(tag, 40))} is not an ATT&CK technique ID (attack.tNNNN or attack.tNNNN.NNN): ignored`));
    }
  }
  return { data: data as Record<string, unknown>, line, ...(titleLine ? { titleLine } : {}), techniques };
}

function lineOf(node: Node, lc: LineCounter, fallback: number): number {
  return node.range ? lc.linePos(node.range[0]).line : fallback;
}

/** `over`'s fields over `base`'s; techniques of both. */
function merge(base: SigmaDoc, over: SigmaDoc): SigmaDoc {
  const baseData = Object.fromEntries(Object.entries(base.data).filter(([key]) => key !== 'action'));
  const titleLine = 'title' in over.data ? over.titleLine : base.titleLine;
  return {
    data: { ...baseData, ...over.data },
    line: over.line,
    ...(titleLine ? { titleLine } : {}),
    techniques: [...base.techniques, ...over.techniques],
  };
}

function toRule(doc: SigmaDoc, file: string): DetectionRule | undefined {
  const title = str(doc.data['title']);
  if (title === undefined || title.trim() === '') return undefined;
  const id = str(doc.data['id']);
  const status = str(doc.data['status'])?.toLowerCase();
  const severity = str(doc.data['level'])?.toLowerCase();
  const logsource = readLogsource(doc.data['logsource']);
  const seen = new Set<string>();
  const techniques = doc.techniques.filter((t) => !seen.has(t.id) && seen.add(t.id));
  return {
    format: 'sigma',
    file,
    line: doc.titleLine ?? doc.line,
    ...(id ? { id: cutText(id) } : {}),
    title: cutText(title),
    ...(status ? { status: cutText(status) } : {}),
    ...(severity ? { severity: cutText(severity) } : {}),
    techniques,
    ...(logsource ? { logsource } : {}),
  };
}

function readLogsource(v: unknown): SigmaLogsource | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const product = str(o['product']);
  const category = str(o['category']);
  const service = str(o['service']);
  if (!product && !category && !service) return undefined;
  return {
    ...(product ? { product: cutText(product) } : {}),
    ...(category ? { category: cutText(category) } : {}),
    ...(service ? { service: cutText(service) } : {}),
  };
}

/** A string value; numbers and booleans (YAML reads `id: 1234` as a number) as their text. */
function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}
