/** A dataset's name made distinct from the project's other datasets: "iris", then "iris (2)", "iris (3)", …. */
export function distinctName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  const base = name.replace(/ \(\d+\)$/, '');
  for (let k = 2; ; k++) if (!used.has(`${base} (${k})`)) return `${base} (${k})`;
}
