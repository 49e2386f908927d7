import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../models-location.ts';

export const EVALUATION = join(ROOT, 'models/report/evaluation.json');

export interface SweepRow {
  sampler: string;
  likeRate: number;
  novelShare?: number;
  diversity?: number;
}

/** The steps sweep of `npm run evaluate` (models/report/evaluation.json), or null before it has run. */
export function stepsSweep(path = EVALUATION): { rows: SweepRow[]; users?: number } | null {
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    sweep?: Record<string, { like_rate: number; novel_share?: number; diversity?: number }>;
    ancestral_users?: number;
  };
  if (!report.sweep) return null;
  const rows = Object.entries(report.sweep).map(([sampler, m]) => ({ sampler, likeRate: m.like_rate, novelShare: m.novel_share, diversity: m.diversity }));
  return { rows, users: report.ancestral_users };
}
