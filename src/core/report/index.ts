/** Reports of a coverage result: the formats `threat-overlap check --format` and the export commands write. */
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

/** The report as the text written to a file or stdout (JSON formats pretty-printed, newline-terminated). */
export function renderReport(format: ReportFormat, ctx: ReportContext): string {
  switch (format) {
    case 'text':
      return textReport(ctx);
    case 'markdown':
      return markdownReport(ctx);
    case 'json':
      return JSON.stringify(jsonReport(ctx), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(sarifReport(ctx), null, 2) + '\n';
    case 'navigator':
      return JSON.stringify(navigatorLayer(ctx), null, 2) + '\n';
  }
}

/** The usual file extension for a format. */
export function reportExtension(format: ReportFormat): string {
  return { text: '.txt', json: '.json', markdown: '.md', sarif: '.sarif', navigator: '.layer.json' }[format];
}
