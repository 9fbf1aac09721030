/** 张三丰 → 张**: enough for a holder to recognise, nothing for a stranger to use. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
