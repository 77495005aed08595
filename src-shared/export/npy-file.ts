/**
 * A little-endian float32 matrix as a NumPy .npy file (format 1.0): what numpy.load and torch read in one call,
 * without parsing text.
 */

/** The bytes of `rows × cols` float32 values (row-major) as a .npy file. */
export function npyFloat32(values: ArrayLike<number>, rows: number, cols: number): Uint8Array {
  if (values.length !== rows * cols) throw new Error(`npyFloat32: ${values.length} values for a ${rows} × ${cols} matrix.`);
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  // Magic (6) + version (2) + header length (2) + header, padded with spaces and ended by \n to a multiple of 64.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = `${header.padEnd(total - 10 - 1, ' ')}\n`;
  const out = new Uint8Array(total + rows * cols * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  for (let i = 0; i < values.length; i++) view.setFloat32(total + 4 * i, values[i], true);
  return out;
}
