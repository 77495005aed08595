// Expands the precision template of kernels.wat (float64 with f64x2, float32 with f32x4) and assembles it with wabt.
import wabtInit from 'wabt';

const PRECISIONS = [
  { S: '_f64', T: 'f64', V: 'f64x2', E: 8, SPLAT: 'v128.load64_splat', HSUM: '(f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v)))' },
  {
    S: '_f32',
    T: 'f32',
    V: 'f32x4',
    E: 4,
    SPLAT: 'v128.load32_splat',
    HSUM: '(f32.add (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v))) (f32.add (f32x4.extract_lane 2 (local.get $v)) (f32x4.extract_lane 3 (local.get $v))))',
  },
];

/** The full module text: the template between the KERNELS markers once per precision. */
export function expandKernels(wat) {
  const m = /;; KERNELS-BEGIN\n([\s\S]*);; KERNELS-END\n/.exec(wat);
  if (!m) throw new Error('kernels.wat: KERNELS-BEGIN / KERNELS-END markers not found');
  const body = PRECISIONS.map((p) =>
    m[1].replace(/\{(S|T|V|E|E2|E3|SPLAT|HSUM)\}/g, (_, k) => String(k === 'E2' ? 2 * p.E : k === 'E3' ? 3 * p.E : p[k])),
  ).join('\n');
  return wat.slice(0, m.index) + body + wat.slice(m.index + m[0].length);
}

/** Assembles kernels.wat into WebAssembly bytes (deterministic: no names section). */
export async function assembleKernels(wat) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('kernels.wat', expandKernels(wat), { simd: true });
  try {
    mod.validate();
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
