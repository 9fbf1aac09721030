/** GB 11643 national ID number: 17 digits and a check character (0-9 or X). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** What is wrong with the ID number typed so far, or null when it is complete and valid. */
export function idNumberProblem(value: string): string | null {
  const v = value.trim().toUpperCase();
  if (!v) return '请输入身份证号';
  if (!/^\d{0,17}[\dX]?$/.test(v) || (v.length < 18 && v.includes('X')))
    return '身份证号只能是数字，最后一位可以是 X';
  if (v.length < 18) return `还差 ${18 - v.length} 位`;
  const sum = WEIGHTS.reduce((s, w, i) => s + w * Number(v[i]), 0);
  return CHECK[sum % 11] === v[17] ? null : '身份证号校验位不正确，请核对后重新输入';
}
