// The one exception to "one door to the runtime": the browser-tax comparison needs native
// onnxruntime-node beside onnxruntime-web, and lives here, in the bench only. Nothing the app,
// the worker or the CLI runs imports this file.
import type { ModelName } from '../../src/engine/model-manifest.ts';
import type { ModelRunner, TensorMap } from '../../src/engine/model-runner.ts';

export interface NativeRunner extends ModelRunner {
  version: string;
  release(): Promise<void>;
}

/**
 * Sessions on onnxruntime-node (CPU execution provider) over the same ONNX bytes the page uses.
 * Throws with the loader's message when the native binding cannot be loaded on this machine.
 */
export async function createNativeRunner(models: Record<ModelName, Uint8Array>, threads: number): Promise<NativeRunner> {
  const ort = await import('onnxruntime-node');
  const options = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' as const, executionProviders: ['cpu'] };
  const sessions = new Map<ModelName, Awaited<ReturnType<typeof ort.InferenceSession.create>>>();
  for (const [name, bytes] of Object.entries(models) as [ModelName, Uint8Array][]) sessions.set(name, await ort.InferenceSession.create(bytes, options));
  const { createRequire } = await import('node:module');
  const version = (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
  return {
    version,
    async run(model: ModelName, feeds: TensorMap): Promise<TensorMap> {
      const inputs: Record<string, InstanceType<typeof ort.Tensor>> = {};
      for (const [name, t] of Object.entries(feeds)) {
        inputs[name] = t.data instanceof BigInt64Array ? new ort.Tensor('int64', t.data, t.dims) : new ort.Tensor('float32', t.data, t.dims);
      }
      const outputs = await sessions.get(model)!.run(inputs);
      const result: TensorMap = {};
      for (const [name, tensor] of Object.entries(outputs)) result[name] = { data: tensor.data as Float32Array, dims: [...tensor.dims] };
      return result;
    },
    async release() {
      await Promise.all([...sessions.values()].map((s) => s.release()));
    },
  };
}
