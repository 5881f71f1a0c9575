/** `--top-techniques FILE`: the CTID Top ATT&CK Techniques data, read as a regular file within the import cap. */
import { readConfinedText } from '../core/files/read-file';
import { limitsFor } from '../core/files/source';
import type { AttackIndex } from '../core/attack/types';
import { excerptPath, terminalLine } from '../core/text/safe-text';
import { readTopTechniques, TopTechniquesError } from '../core/triage/top-techniques';
import type { TopScores } from '../core/triage/types';
import type { CliIo } from './io';

/** Reads the file now; maps it onto the model's release once the check has loaded it, saying what it left out. */
export async function topTechniquesLoader(file: string, io: CliIo): Promise<(index: AttackIndex) => ReadonlyMap<string, TopScores>> {
  const read = await readConfinedText(file, limitsFor('import'));
  const where = `--top-techniques ${excerptPath(file)}`;
  if (read.kind === 'missing') throw new TopTechniquesError(`${where}: no such file`);
  if (read.kind === 'refused') throw new TopTechniquesError(`${where} ${read.refusal.detail}: not read`);
  const text = read.text;
  return (index) => {
    let top;
    try {
      top = readTopTechniques(text, index);
    } catch (e) {
      throw e instanceof TopTechniquesError ? new TopTechniquesError(`${where}: ${e.message}`) : e;
    }
    const notes = [
      ...(top.followed.length > 0 ? [`${top.followed.length} revoked since, followed to their replacement`] : []),
      ...(top.dropped.length > 0 ? [`${top.dropped.length} not in ATT&CK ${index.version} (left out: ${top.dropped.slice(0, 5).join(', ')}${top.dropped.length > 5 ? ', …' : ''})`] : []),
      ...(top.noActionability > 0 ? [`${top.noActionability} without an actionability score (counted as 0)`] : []),
      ...(top.malformed > 0 ? [`${top.malformed} without usable scores (left out)`] : []),
    ];
    io.err(`${terminalLine(`threat-overlap: Top ATT&CK Techniques: ${top.scores.size} techniques scored${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`)}\n`);
    return top.scores;
  };
}
