import 'reflect-metadata';
import { main } from '@netsign/runtime';
import { signingService } from './signing.service.js';

await main(signingService);
