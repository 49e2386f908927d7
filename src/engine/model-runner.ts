import type { ModelName } from './model-manifest.ts';

/** A tensor as plain typed data: float32 for everything except the int64 rating token. */
export interface TensorData {
  data: Float32Array | BigInt64Array;
  dims: readonly number[];
}

/** Inputs or outputs of one network call, keyed by the tensor names in the manifest. */
export type TensorMap = Record<string, TensorData>;

/**
 * What the engine needs from an inference runtime. src/runtime/onnx-runtime.ts implements it
 * with onnxruntime-web; tests pass a fake, which keeps the engine free of any runtime import.
 * A runner must not keep or detach the feed buffers: generate() reuses the user tokens per step.
 */
export interface ModelRunner {
  run(model: ModelName, feeds: TensorMap): Promise<TensorMap>;
}

/** The float32 output `name` of a call, checked for the expected number of values. */
export function floatOutput(outputs: TensorMap, name: string, length: number): Float32Array {
  const t = outputs[name];
  if (!t) throw new Error(`the model returned no output "${name}" (got ${Object.keys(outputs).join(', ') || 'none'})`);
  if (!(t.data instanceof Float32Array)) throw new Error(`output "${name}" is not float32`);
  if (t.data.length !== length) throw new Error(`output "${name}" has ${t.data.length} values, expected ${length}`);
  return t.data;
}
