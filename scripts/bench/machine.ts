import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../models-location.ts';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  onnxruntimeWeb: string;
  onnxruntimeNode: string | null;
  playwright: string;
  /** 1-minute load average when the bench started: above the core count, other work competed. */
  loadAtStart: number;
}

function packageVersion(name: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    ramGb: totalmem() / 2 ** 30,
    node: process.version,
    onnxruntimeWeb: packageVersion('onnxruntime-web') ?? '?',
    onnxruntimeNode: packageVersion('onnxruntime-node'),
    playwright: packageVersion('@playwright/test') ?? '?',
    loadAtStart: loadavg()[0],
  };
}

export const currentLoad = (): number => loadavg()[0];
