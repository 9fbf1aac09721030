import 'reflect-metadata';
import { loadEnvOrExit } from '@netsign/config';
import { createGateway } from './create-gateway.js';
import { gatewayEnvSchema } from './gateway.env.js';

const env = loadEnvOrExit('gateway', gatewayEnvSchema);
const app = await createGateway(env);
await app.listen({ port: env.GATEWAY_PORT, host: env.GATEWAY_HOST });
