import { ApiError, type Problem, type Session } from './client';

export interface QueuedJob {
  job_id: string;
  dataset: string;
  file_name: string;
  size_bytes: number;
}

/**
 * Sends one file as its own multipart request, so each file has its own progress bar (fetch
 * reports no upload progress; XMLHttpRequest does). Fields go before the file: the gateway
 * applies `dataset` and `threshold` to the files after them.
 */
export function uploadFile(
  session: Session,
  file: File,
  fields: Record<string, string>,
  onProgress: (sent: number, total: number) => void,
): Promise<QueuedJob> {
  const attempt = (): Promise<QueuedJob> =>
    new Promise((resolve, reject) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/v1/files');
      xhr.setRequestHeader('authorization', session.authorization());
      xhr.responseType = 'json';
      xhr.upload.addEventListener('progress', (e) =>
        onProgress(e.loaded, e.lengthComputable ? e.total : file.size),
      );
      xhr.addEventListener('error', () => reject(new TypeError('network error')));
      xhr.addEventListener('load', () => {
        if (xhr.status === 202) {
          onProgress(file.size, file.size);
          resolve((xhr.response as { jobs: QueuedJob[] }).jobs[0]!);
          return;
        }
        const retryAfter = Number(xhr.getResponseHeader('retry-after'));
        const problem = (xhr.response as Problem | null) ?? {
          type: 'about:blank',
          title: xhr.statusText,
          status: xhr.status,
        };
        reject(new ApiError(xhr.status, problem, retryAfter > 0 ? retryAfter : null));
      });
      xhr.send(form);
    });
  return attempt().catch(async (error: unknown) => {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    await session.refresh();
    return attempt();
  });
}
