import 'reflect-metadata';
import { main } from '@netsign/runtime';
import { reviewService } from './review.service.js';

await main(reviewService);
