import 'reflect-metadata';
import { main } from '@netsign/runtime';
import { identityService } from './identity.service.js';

await main(identityService);
