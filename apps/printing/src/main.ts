import 'reflect-metadata';
import { main } from '@netsign/runtime';
import { printingService } from './printing.service.js';

await main(printingService);
