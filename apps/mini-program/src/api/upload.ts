import Taro from '@tarojs/taro';
import { ApiFailure, apiBaseUrl, backToLogin } from './client';
import { getToken } from './session';

/** 10 MiB per file, as the API enforces (PAYLOAD_TOO_LARGE). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** A chosen file: a path (WeChat temp file) or, in H5, the browser's File. */
export interface ChosenFile {
  name: string;
  size: number;
  path: string;
  file?: File;
}

export type Progress = (percent: number) => void;

function failureOf(status: number, text: string): ApiFailure {
  try {
    const body = JSON.parse(text) as { code?: string; message?: string; details?: unknown };
    return new ApiFailure(
      status,
      body.code ?? `HTTP_${status}`,
      body.message ?? `上传失败（${status}）`,
      body.details,
    );
  } catch {
    return new ApiFailure(status, `HTTP_${status}`, `上传失败（${status}）`);
  }
}

/** H5: one multipart request with every file, progress from XMLHttpRequest. */
function uploadH5<T>(
  url: string,
  fields: Record<string, string>,
  fileField: string,
  files: ChosenFile[],
  onProgress: Progress,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) if (f.file) form.append(fileField, f.file, f.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiFailure(0, 'NETWORK', '网络连接失败，请检查网络后重试'));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(JSON.parse(xhr.responseText) as T);
        return;
      }
      if (xhr.status === 401) backToLogin();
      reject(failureOf(xhr.status, xhr.responseText));
    };
    xhr.send(form);
  });
}

/** WeChat, one file: Taro.uploadFile (wx.uploadFile) with its progress events. */
function uploadOneWeapp<T>(
  url: string,
  fields: Record<string, string>,
  fileField: string,
  file: ChosenFile,
  onProgress: Progress,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const token = getToken();
    const task = Taro.uploadFile({
      url,
      filePath: file.path,
      name: fileField,
      formData: fields,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) {
          onProgress(100);
          resolve(JSON.parse(res.data) as T);
          return;
        }
        if (res.statusCode === 401) backToLogin();
        reject(failureOf(res.statusCode, res.data));
      },
      fail: () => reject(new ApiFailure(0, 'NETWORK', '网络连接失败，请检查网络后重试')),
    });
    task.progress((p) => onProgress(Math.min(99, p.progress)));
  });
}

/**
 * WeChat, several files: wx.uploadFile carries one file per request, so the multipart body is
 * built here from the files' bytes and sent with Taro.request (progress: read, then sent).
 */
async function uploadManyWeapp<T>(
  url: string,
  fields: Record<string, string>,
  fileField: string,
  files: ChosenFile[],
  onProgress: Progress,
): Promise<T> {
  const fs = Taro.getFileSystemManager();
  const boundary = `----netsign${Date.now().toString(16)}`;
  const encoder = (s: string) => {
    const bytes = unescape(encodeURIComponent(s));
    const out = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
    return out;
  };
  const parts: Uint8Array[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(
      encoder(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    );
  }
  files.forEach((f, i) => {
    const data = fs.readFileSync(f.path) as ArrayBuffer;
    const type = /\.pdf$/i.test(f.name)
      ? 'application/pdf'
      : /\.png$/i.test(f.name)
        ? 'image/png'
        : 'image/jpeg';
    parts.push(
      encoder(
        `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
    );
    parts.push(new Uint8Array(data));
    parts.push(encoder('\r\n'));
    onProgress(Math.round(((i + 1) / files.length) * 50));
  });
  parts.push(encoder(`--${boundary}--\r\n`));
  const total = parts.reduce((n, p) => n + p.length, 0);
  const body = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  const token = getToken();
  const res = await Taro.request<string>({
    url,
    method: 'POST',
    data: body.buffer,
    header: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    dataType: 'text',
    responseType: 'text',
  });
  if (res.statusCode >= 200 && res.statusCode < 300) {
    onProgress(100);
    return JSON.parse(res.data) as T;
  }
  if (res.statusCode === 401) backToLogin();
  throw failureOf(res.statusCode, res.data);
}

/** Multipart upload of files and fields to an API path (e.g. POST /api/terminations). */
export function uploadFiles<T>(
  path: '/api/terminations',
  fields: Record<string, string>,
  fileField: string,
  files: ChosenFile[],
  onProgress: Progress,
): Promise<T> {
  const url = `${apiBaseUrl}${path}`;
  if (process.env.TARO_ENV === 'h5') return uploadH5<T>(url, fields, fileField, files, onProgress);
  if (files.length === 1) return uploadOneWeapp<T>(url, fields, fileField, files[0]!, onProgress);
  return uploadManyWeapp<T>(url, fields, fileField, files, onProgress);
}

/** Lets the graduate choose images or a PDF. H5: the browser's file dialog; WeChat: album or chat. */
export async function chooseFiles(source: 'album' | 'chat' | 'any'): Promise<ChosenFile[]> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise<ChosenFile[]>((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
      input.style.display = 'none';
      input.onchange = () => {
        const list = Array.from(input.files ?? []);
        input.remove();
        resolve(
          list.map((file) => ({
            name: file.name,
            size: file.size,
            path: URL.createObjectURL(file),
            file,
          })),
        );
      };
      document.body.appendChild(input);
      input.click();
    });
  }
  if (source === 'album') {
    const res = await Taro.chooseImage({
      count: 9,
      sizeType: ['original', 'compressed'],
      sourceType: ['album', 'camera'],
    });
    return res.tempFiles.map((f, i) => ({
      name: `材料图片${i + 1}.jpg`,
      size: f.size,
      path: f.path,
    }));
  }
  const res = await Taro.chooseMessageFile({
    count: 9,
    type: 'file',
    extension: ['pdf', 'jpg', 'jpeg', 'png'],
  });
  return res.tempFiles.map((f) => ({ name: f.name, size: f.size, path: f.path }));
}
