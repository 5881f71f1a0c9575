/** Reports of a coverage result: the formats `threat-overlap check --format` and the export commands write. */
import { jsonText } from '../text/json-text';
import { jsonReport } from './json-report';
import { markdownReport } from './markdown-report';
import { navigatorLayer } from './navigator-layer';
import { sarifReport } from './sarif-report';
import { textReport } from './text-report';
import type { ReportContext } from './context';

export type { ReportContext } from './context';
export { jsonReport, markdownReport, navigatorLayer, sarifReport, textReport };

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif', 'navigator'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The report as the text written to a file or stdout (JSON formats pretty-printed, newline-terminated, with the
 * characters a terminal acts on escaped inside strings: text/json-text.ts).
 */
export function renderReport(format: ReportFormat, ctx: ReportContext): string {
  switch (format) {
    case 'text':
      return textReport(ctx);
    case 'markdown':
      return markdownReport(ctx);
    case 'json':
      return jsonText(jsonReport(ctx));
    case 'sarif':
      return jsonText(sarifReport(ctx));
    case 'navigator':
      return jsonText(navigatorLayer(ctx));
  }
}

/** The usual file extension for a format. */
export function reportExtension(format: ReportFormat): string {
  return { text: '.txt', json: '.json', markdown: '.md', sarif: '.sarif', navigator: '.layer.json' }[format];
}
