import {
  PRINT_COPIES,
  PRINT_COPY_LABELS,
  SIGNING_METHOD_LABELS,
  SUPERIOR_AUTHORITY_LABELS,
  type AgreementPrintData,
  type PrintCopy,
} from './agreement-print-data.js';

/**
 * The agreement template: a pure function of the data, no I/O. Every user-supplied string goes
 * through `esc`; the CSP meta tag is a second fence behind the browser pool's request blocking.
 *
 * Geometry is fixed in millimetres so that the renderer can stamp a copy's label and QR onto a
 * body rendered once (see agreement-renderer.ts): the slots sit at the same place on every page.
 */
export const PAGE_MM = {
  width: 210,
  height: 297,
  marginTop: 10,
  marginBottom: 10,
  marginSide: 14,
} as const;
/** Top-right header slots, in page coordinates from the top-right corner (first page of a copy). */
export const LABEL_SLOT_MM = { top: 10, right: 14, width: 40, height: 9 } as const;
export const QR_SLOT_MM = { top: 21, right: 17, size: 34 } as const;

export interface TemplateCopy {
  copy: PrintCopy;
  /** PNG data URL (qrcode.toDataURL); null leaves the slot empty for stamping. */
  qrDataUrl: string | null;
}

export interface TemplateFont {
  /** @font-face rules; sources must be data: URLs (nothing may be fetched). */
  faceCss: string;
  family: string;
}

/** System fonts only: what the naive path and the fallback use. */
export const SYSTEM_CJK_FONT: TemplateFont = {
  faceCss: '',
  family: '"Noto Sans CJK SC", "Noto Sans CJK", sans-serif',
};

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Agreement dates are printed in China Standard Time whatever the worker's TZ. */
export function formatChineseDate(value: Date | string): string {
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) throw new RangeError(`not a date: ${String(value)}`);
  const d = new Date(time + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** One page (or more, if the free text is long) per copy, each with its label and QR image. */
export function buildAgreementHtml(
  data: AgreementPrintData,
  copies: TemplateCopy[],
  font = SYSTEM_CJK_FONT,
): string {
  const pages = copies
    .map((c) => copySection(data, PRINT_COPY_LABELS[c.copy], c.qrDataUrl))
    .join('\n');
  return documentShell(data, font, pages);
}

/**
 * The body once with empty slots, then one page per copy label (in PRINT_COPIES order) holding
 * only that label, at the slot position: the renderer clips each label page into a form XObject
 * and draws it over the body, so each label stays real text in the copy it belongs to.
 */
export function buildStampableAgreementHtml(
  data: AgreementPrintData,
  font = SYSTEM_CJK_FONT,
): string {
  const labels = PRINT_COPIES.map(
    (copy) => `<section class="page">${labelSlot(PRINT_COPY_LABELS[copy])}</section>`,
  );
  return documentShell(data, font, [copySection(data, null, null), ...labels].join('\n'));
}

function documentShell(data: AgreementPrintData, font: TemplateFont, body: string): string {
  // The title becomes the PDF's /Title; lang="zh-CN" makes any font fallback pick SC glyphs.
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>就业协议书 ${esc(data.agreementNo)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">
<style>${font.faceCss}${css(font.family)}</style></head><body>
${body}
</body></html>`;
}

function css(family: string): string {
  const m = PAGE_MM;
  // Slots are positioned inside the first .page box, which starts at the top page margin.
  const top = (mm: number) => `${mm - m.marginTop}mm`;
  return `@page{size:A4;margin:${m.marginTop}mm 0 ${m.marginBottom}mm}
*{box-sizing:border-box}
html,body{margin:0;padding:0;font-family:${family};font-size:10pt;color:#000;line-height:1.35}
.page{position:relative;width:${m.width}mm;padding:0 ${m.marginSide}mm;break-after:page}
.page:last-child{break-after:auto}
.label{position:absolute;top:${top(LABEL_SLOT_MM.top)};right:${LABEL_SLOT_MM.right}mm;width:${LABEL_SLOT_MM.width}mm;height:${LABEL_SLOT_MM.height}mm;border:.4mm solid #000;font-size:12pt;font-weight:bold;text-align:center;line-height:${LABEL_SLOT_MM.height - 1}mm}
.qr{position:absolute;top:${top(QR_SLOT_MM.top)};right:${QR_SLOT_MM.right}mm;width:${QR_SLOT_MM.size}mm;height:${QR_SLOT_MM.size}mm}
.qr img{width:100%;height:100%;display:block;image-rendering:pixelated}
.qr-caption{position:absolute;top:${top(QR_SLOT_MM.top + QR_SLOT_MM.size + 0.5)};right:${LABEL_SLOT_MM.right}mm;width:${LABEL_SLOT_MM.width}mm;text-align:center;font-size:7.5pt}
.head{height:${QR_SLOT_MM.top + QR_SLOT_MM.size + 4 - m.marginTop}mm;margin-right:${LABEL_SLOT_MM.width + 4}mm;padding-top:6mm}
h1{font-size:18pt;text-align:center;margin:0 0 2mm;letter-spacing:.6mm}
.no{text-align:center;margin:0 0 4mm}
.preamble{margin:0;text-indent:2em;font-size:9.5pt}
h2{font-size:10.5pt;margin:2.5mm 0 1mm}
table{width:100%;border-collapse:collapse;table-layout:fixed}
td{border:.3mm solid #000;padding:.9mm 1.5mm;vertical-align:top;overflow-wrap:anywhere}
td.k{width:20%;background:#f2f2f2;font-weight:bold}
.free{white-space:pre-wrap;min-height:10mm}
ol{margin:1mm 0;padding-left:5mm;font-size:9pt}
.sign{display:flex;gap:3mm;margin-top:3mm;break-inside:avoid}
.sign>div{flex:1;border:.3mm solid #000;height:30mm;padding:1.5mm;position:relative}
.sign .date{position:absolute;bottom:1.5mm;left:1.5mm;font-size:9pt}
.foot{margin-top:2mm;font-size:8.5pt;color:#333}`;
}

function labelSlot(label: string): string {
  return `<div class="label">${esc(label)}</div>`;
}

function row(...cells: Array<[string, string] | [string, string, 'wide']>): string {
  return `<tr>${cells
    .map(([k, v, wide]) => `<td class="k">${k}</td><td${wide ? ' colspan="3"' : ''}>${v}</td>`)
    .join('')}</tr>`;
}

function copySection(
  d: AgreementPrintData,
  label: string | null,
  qrDataUrl: string | null,
): string {
  const g = d.graduate;
  const e = d.employer;
  const t = d.terms;
  const authority = e.hasHiringAutonomy
    ? '不适用（单位有用人自主权）'
    : e.superiorAuthority
      ? SUPERIOR_AUTHORITY_LABELS[e.superiorAuthority]
      : '未填写';
  const qr = qrDataUrl ? `<img alt="" src="${esc(qrDataUrl)}">` : '';
  return `<section class="page">
${label === null ? '' : labelSlot(label)}
<div class="qr">${qr}</div><div class="qr-caption">扫码核验真伪及协议状态</div>
<div class="head">
<h1>高校毕业生就业协议书</h1>
<div class="no">协议编号：${esc(d.agreementNo)}</div>
<p class="preamble">毕业生、用人单位、学校经平等协商，依据国家有关高校毕业生就业的规定订立本协议，三方共同遵守。</p>
</div>
<h2>一、毕业生情况</h2>
<table>
${row(['姓名', esc(g.name)], ['性别', esc(g.gender)])}
${row(['身份证号', esc(g.idNumber)], ['学历', esc(g.degree)])}
${row(['毕业学校', esc(g.schoolName)], ['院系', esc(g.departmentName)])}
${row(['专业', esc(g.major)], ['毕业年份', esc(g.graduationYear)])}
${row(['生源地', esc(g.originPlace), 'wide'])}
</table>
<h2>二、用人单位情况</h2>
<table>
${row(['单位名称', esc(e.name), 'wide'])}
${row(['统一社会信用代码', esc(e.creditCode)], ['单位性质', esc(e.nature)])}
${row(['所属行业', esc(e.industry)], ['用人自主权', e.hasHiringAutonomy ? '有' : '无'])}
${row(['单位地址', esc(e.address), 'wide'])}
${row(['联系人', esc(e.contactName)], ['联系电话', esc(e.contactPhone)])}
${row(['上级主管部门', esc(authority), 'wide'])}
</table>
<h2>三、岗位及协议条款</h2>
<table>
${row(['岗位', esc(d.position.title)], ['工作地点', esc(t.workLocation)])}
${row(['月薪（元）', esc(t.monthlySalary)], ['试用期', `${esc(t.probationMonths)} 个月`])}
${row(['合同期限', `${esc(t.contractYears)} 年`], ['签约方式', esc(SIGNING_METHOD_LABELS[d.method])])}
${row(['档案转寄地址', esc(t.archiveTransferAddress), 'wide'])}
${row(['户口迁移地址', esc(t.hukouTransferAddress), 'wide'])}
<tr><td class="k">其他约定</td><td colspan="3" class="free">${esc(t.otherTerms)}</td></tr>
</table>
<h2>四、协议说明</h2>
<ol>
<li>本协议经毕业生、用人单位签字盖章，并经学校就业主管部门审核后生效。</li>
<li>本协议一式三份，用人单位、毕业生、学校各执一份，具有同等效力。</li>
<li>任何一方解除本协议，须按规定办理解约手续；解约后本协议各联均失效。</li>
<li>扫描右上角二维码可核验本联真伪及协议当前状态。</li>
</ol>
<div class="sign">
<div>毕业生（签名）：<div class="date">签约日期：${esc(formatChineseDate(d.signedAt))}</div></div>
<div>用人单位（盖章）：<div class="date">签约日期：${esc(formatChineseDate(d.signedAt))}</div></div>
<div>学校就业主管部门（盖章）：<div class="date">审核日期：${esc(formatChineseDate(d.approvedAt))}</div></div>
</div>
<div class="foot">本协议由高校毕业生就业网签平台生成，打印件与平台记录一致方为有效。</div>
</section>`;
}
