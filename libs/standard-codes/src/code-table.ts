/** One entry of a standard code table: the code as the standard writes it and its Chinese name. */
export interface StandardCode {
  code: string;
  name: string;
}

/** A small code table with constant-time look-up, built once from its literal list. */
export interface CodeTable {
  readonly entries: readonly StandardCode[];
  has(code: string): boolean;
  name(code: string): string | undefined;
  /** The code whose name is exactly `name` (after trimming), if exactly one has it. */
  codeOfName(name: string): string | undefined;
}

export function codeTable(entries: readonly StandardCode[]): CodeTable {
  const byCode = new Map(entries.map((e) => [e.code, e.name]));
  const byName = new Map<string, string | null>();
  for (const e of entries) byName.set(e.name, byName.has(e.name) ? null : e.code);
  return {
    entries,
    has: (code) => byCode.has(code),
    name: (code) => byCode.get(code),
    codeOfName: (name) => byName.get(name.trim()) ?? undefined,
  };
}
