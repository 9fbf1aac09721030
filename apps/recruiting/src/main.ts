import 'reflect-metadata';
import { main } from '@netsign/runtime';
import { recruitingService } from './recruiting.service.js';

await main(recruitingService);
