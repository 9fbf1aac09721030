import 'reflect-metadata';
import { main } from '@netsign/runtime';
import { dispatchSyncService } from './dispatch-sync.service.js';

await main(dispatchSyncService);
