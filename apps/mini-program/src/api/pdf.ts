import Taro from '@tarojs/taro';
import { ApiFailure, apiBaseUrl, backToLogin } from './client';
import { getToken } from './session';

/** While the PDF is being rendered the API answers 202: the caller says so and tries again. */
export class PdfRendering extends Error {}

function fail(status: number, data: unknown): never {
  if (status === 401) backToLogin();
  let body: { code?: string; message?: string } = {};
  try {
    body = JSON.parse(
      typeof data === 'string' ? data : new TextDecoder().decode(data as ArrayBuffer),
    ) as typeof body;
  } catch {
    // not JSON
  }
  throw new ApiFailure(
    status,
    body.code ?? `HTTP_${status}`,
    body.message ?? `协议书下载失败（${status}）`,
  );
}

/**
 * Opens the approved agreement's PDF (three copies). WeChat: Taro.downloadFile then
 * Taro.openDocument. H5: the file is fetched with the session's token and handed to the browser
 * as a download named after the agreement number.
 */
export async function openAgreementPdf(agreementId: string, agreementNo: string): Promise<void> {
  const url = `${apiBaseUrl}/api/agreements/${encodeURIComponent(agreementId)}/pdf`;
  const token = getToken();
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.downloadFile({ url, header });
    if (res.statusCode === 202) throw new PdfRendering();
    if (res.statusCode !== 200)
      fail(res.statusCode, Taro.getFileSystemManager().readFileSync(res.tempFilePath, 'utf8'));
    await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true });
    return;
  }
  const res = await Taro.request<ArrayBuffer>({
    url,
    header,
    responseType: 'arraybuffer',
    dataType: 'arraybuffer',
  });
  if (res.statusCode === 202) throw new PdfRendering();
  if (res.statusCode !== 200) fail(res.statusCode, res.data);
  const blob = new Blob([res.data], { type: 'application/pdf' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `就业协议书-${agreementNo}.pdf`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
