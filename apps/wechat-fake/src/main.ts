import { startWechatFake } from './wechat-fake.js';

const port = Number(process.env['WECHAT_FAKE_PORT'] ?? 3901);
const fake = await startWechatFake({ port, host: process.env['WECHAT_FAKE_HOST'] ?? '127.0.0.1' });
process.stdout.write(`wechat-fake listening on ${fake.url} (set WECHAT_API_BASE=${fake.url})\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void fake.close().then(() => process.exit(0)));
}
