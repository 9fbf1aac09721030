import { Inject, Injectable, Logger } from '@nestjs/common';
import { PRINTING_ENV, type PrintingEnv } from '../../printing.env.js';
import type { AgreementPrintData, CopyToPrint } from '../../worker/agreement-print-data.js';
import { AgreementRenderer } from '../../worker/agreement-renderer.js';
import { BrowserPool } from '../../worker/browser-pool.js';

/**
 * The print worker's engine, configured from the validated environment: one browser pool
 * (`PRINT_CONCURRENCY` pages at once, replaced every `PRINT_RECYCLE_AFTER` documents) and the
 * renderer with the CJK fonts of `PRINT_CJK_*`. Started on the first job, so an `api` process
 * never launches a browser; closed by the worker after its last job.
 */
@Injectable()
export class PrintEngine {
  private readonly logger = new Logger('PrintEngine');
  private engine: { pool: BrowserPool; renderer: AgreementRenderer } | null = null;

  constructor(@Inject(PRINTING_ENV) private readonly env: PrintingEnv) {}

  /** One PDF with the requested copies (normally all three, in PRINT_COPIES order). */
  render(data: AgreementPrintData, copies: readonly CopyToPrint[]): Promise<Buffer> {
    return this.started().renderer.render(data, copies);
  }

  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = null;
    await engine?.pool.close();
  }

  private started() {
    if (!this.engine) {
      const env = this.env;
      const pool = new BrowserPool({
        executablePath: env.CHROMIUM_PATH,
        concurrency: env.PRINT_CONCURRENCY,
        recycleAfter: env.PRINT_RECYCLE_AFTER,
      });
      const renderer = new AgreementRenderer({
        pool,
        fonts: {
          regular: { path: env.PRINT_CJK_FONT_PATH, postscriptName: env.PRINT_CJK_FONT_NAME },
          bold: {
            path: env.PRINT_CJK_BOLD_FONT_PATH,
            postscriptName: env.PRINT_CJK_BOLD_FONT_NAME,
          },
        },
        onMissingCharacters: (characters, agreementNo) =>
          this.logger.warn(
            { agreementNo, characters: characters.join('') },
            'characters the CJK font lacks were printed from a system font',
          ),
      });
      this.engine = { pool, renderer };
    }
    return this.engine;
  }
}
