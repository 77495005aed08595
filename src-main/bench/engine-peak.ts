// The machine's ceiling for the engine's kernels: the rate of WebAssembly SIMD multiply + add with every operand in
// registers (12 independent accumulators, no memory traffic, no dependency stalls), per CPU second, for f64x2 and
// f32x4. WebAssembly SIMD has no fused multiply-add, so no dense kernel in either precision can exceed these figures;
// the bench prints them beside the inference bar, whose goal it can then show out of reach.
import wabtInit from 'wabt';
import { cpuNow } from './engine-peers';

function peakFunc(v: 'f64x2' | 'f32x4'): string {
  const acc = Array.from({ length: 12 }, (_, i) => `$a${i}`);
  const sum = acc.slice(1).reduce((e, a) => `(${v}.add ${e} (local.get ${a}))`, '(local.get $a0)');
  const lane = v === 'f64x2' ? `(f64x2.extract_lane 0 ${sum})` : `(f64.promote_f32 (f32x4.extract_lane 0 ${sum}))`;
  return `(func (export "${v}") (param $n i32) (result f64) (local $x v128) ${acc.map((a) => `(local ${a} v128)`).join(' ')}
    (local.set $x (${v}.splat (${v === 'f64x2' ? 'f64' : 'f32'}.const 0.999999)))
    (block $d (loop $l (br_if $d (i32.eqz (local.get $n)))
      ${acc.map((a) => `(local.set ${a} (${v}.add (local.get ${a}) (${v}.mul (local.get $x) (local.get ${a}))))`).join(' ')}
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br $l)))
    ${lane})`;
}

/** Best GFLOP/s per CPU second of register-only multiply + add (2 flops per lane), over a few short runs. */
export async function simdPeak(): Promise<{ f64: number; f32: number }> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('peak.wat', `(module ${peakFunc('f64x2')} ${peakFunc('f32x4')})`, { simd: true });
  const bytes = new Uint8Array(mod.toBinary({}).buffer);
  mod.destroy();
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as Record<'f64x2' | 'f32x4', (n: number) => number>;
  const rate = (v: 'f64x2' | 'f32x4', lanes: number) => {
    const n = 5_000_000;
    let best = 0;
    let sink = 0;
    ex[v](100_000);
    for (let r = 0; r < 7; r++) {
      const c0 = cpuNow();
      sink += ex[v](n);
      best = Math.max(best, (n * 12 * lanes * 2) / (cpuNow() - c0) / 1e9);
    }
    if (sink === 42) console.log('');
    return best;
  };
  return { f64: rate('f64x2', 2), f32: rate('f32x4', 4) };
}
