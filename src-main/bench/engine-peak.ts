// The machine's ceiling for the engine's kernels: the rate of WebAssembly SIMD multiply + add with every operand in
// registers (12 independent accumulators, no memory traffic, no dependency stalls), per CPU second, for f64x2 and
// f32x4; and, where the engine runs relaxed SIMD, the same with the fused multiply-add (relaxed_madd). No dense kernel
// can exceed the ceiling of the instructions it uses; the bench prints them beside the inference bar.
import wabtInit from 'wabt';
import { cpuNow } from './engine-peers';

type Shape = 'f64x2' | 'f32x4';

function peakFunc(v: Shape, fused: boolean): string {
  const acc = Array.from({ length: 12 }, (_, i) => `$a${i}`);
  const sum = acc.slice(1).reduce((e, a) => `(${v}.add ${e} (local.get ${a}))`, '(local.get $a0)');
  const lane = v === 'f64x2' ? `(f64x2.extract_lane 0 ${sum})` : `(f64.promote_f32 (f32x4.extract_lane 0 ${sum}))`;
  const step = (a: string) => (fused ? `(${v}.relaxed_madd (local.get $x) (local.get ${a}) (local.get ${a}))` : `(${v}.add (local.get ${a}) (${v}.mul (local.get $x) (local.get ${a})))`);
  return `(func (export "${v}${fused ? '_fma' : ''}") (param $n i32) (result f64) (local $x v128) ${acc.map((a) => `(local ${a} v128)`).join(' ')}
    (local.set $x (${v}.splat (${v === 'f64x2' ? 'f64' : 'f32'}.const 0.999999)))
    (block $d (loop $l (br_if $d (i32.eqz (local.get $n)))
      ${acc.map((a) => `(local.set ${a} ${step(a)})`).join(' ')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))
    ${lane})`;
}

/** Best GFLOP/s per CPU second (2 flops per lane and step) of each exported loop, over a few short runs. */
function rates(bytes: Uint8Array<ArrayBuffer>, names: string[]): Record<string, number> {
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as Record<string, (n: number) => number>;
  const out: Record<string, number> = {};
  for (const name of names) {
    const lanes = name.startsWith('f64x2') ? 2 : 4;
    const n = 5_000_000;
    let best = 0;
    let sink = 0;
    ex[name](100_000);
    for (let r = 0; r < 7; r++) {
      const c0 = cpuNow();
      sink += ex[name](n);
      best = Math.max(best, (n * 12 * lanes * 2) / (cpuNow() - c0) / 1e9);
    }
    if (sink === 42) console.log('');
    out[name] = best;
  }
  return out;
}

/**
 * Register-only GFLOP/s per CPU second: multiply + add (f64, f32) and, where this engine validates relaxed SIMD,
 * the fused multiply-add (f64Fma, f32Fma; absent elsewhere).
 */
export async function simdPeak(): Promise<{ f64: number; f32: number; f64Fma?: number; f32Fma?: number }> {
  const wabt = await wabtInit();
  const assemble = (fused: boolean) => {
    const mod = wabt.parseWat('peak.wat', `(module ${peakFunc('f64x2', fused)} ${peakFunc('f32x4', fused)})`, { simd: true, relaxed_simd: fused });
    const bytes = Uint8Array.from(mod.toBinary({}).buffer);
    mod.destroy();
    return bytes;
  };
  const plain = rates(assemble(false), ['f64x2', 'f32x4']);
  const fusedBytes = assemble(true);
  const fused = WebAssembly.validate(fusedBytes) ? rates(fusedBytes, ['f64x2_fma', 'f32x4_fma']) : null;
  return { f64: plain.f64x2, f32: plain.f32x4, ...(fused ? { f64Fma: fused.f64x2_fma, f32Fma: fused.f32x4_fma } : {}) };
}
