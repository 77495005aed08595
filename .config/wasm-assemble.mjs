// Expands the precision template of kernels.wat (float64 with f64x2, float32 with f32x4) and assembles it with wabt,
// once as the plain SIMD128 module and once as the relaxed-SIMD module (float32 multiply-adds fused).
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

/** The end (exclusive) of the balanced s-expression starting at text[i] === '('. */
function sexprEnd(text, i) {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    if (text[j] === '(') depth++;
    else if (text[j] === ')' && --depth === 0) return j + 1;
  }
  throw new Error(`kernels.wat: unbalanced parentheses after offset ${i}`);
}

/** Rewrites every ({MADD} c a b): a fused relaxed_madd when `fused`, else the plain add of a product. */
function expandMadd(text, V, fused) {
  const tag = '({MADD}';
  let out = '';
  let at = 0;
  for (let i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, at)) {
    const end = sexprEnd(text, i);
    const args = [];
    let j = i + tag.length;
    while (args.length < 3) {
      while (/\s/.test(text[j])) j++;
      const e = sexprEnd(text, j);
      args.push(text.slice(j, e));
      j = e;
    }
    if (text.slice(j, end - 1).trim()) throw new Error('kernels.wat: ({MADD} c a b) takes three operands');
    const [c, a, b] = args;
    out += text.slice(at, i) + (fused ? `(${V}.relaxed_madd ${a} ${b} ${c})` : `(${V}.add ${c} (${V}.mul ${a} ${b}))`);
    at = end;
  }
  return out + text.slice(at);
}

/** The full module text: the template between the KERNELS markers once per precision (`relaxed`: fused float32). */
export function expandKernels(wat, relaxed = false) {
  const m = /;; KERNELS-BEGIN\n([\s\S]*);; KERNELS-END\n/.exec(wat);
  if (!m) throw new Error('kernels.wat: KERNELS-BEGIN / KERNELS-END markers not found');
  const body = PRECISIONS.map((p) =>
    expandMadd(
      m[1].replace(/\{(S|T|V|E|E2|E3|SPLAT|HSUM)\}/g, (_, k) => String(k === 'E2' ? 2 * p.E : k === 'E3' ? 3 * p.E : p[k])),
      p.V,
      relaxed && p.T === 'f32',
    ),
  ).join('\n');
  // After the template: float32-only kernels.
  return wat.slice(0, m.index) + body + expandMadd(wat.slice(m.index + m[0].length), 'f32x4', relaxed);
}

/** Assembles kernels.wat into WebAssembly bytes (deterministic: no names section); `relaxed` for the relaxed-SIMD module. */
export async function assembleKernels(wat, relaxed = false) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('kernels.wat', expandKernels(wat, relaxed), { simd: true, relaxed_simd: relaxed });
  try {
    mod.validate();
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
