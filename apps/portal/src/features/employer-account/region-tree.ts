import { regionTree } from '@netsign/standard-codes/regions';

/*
 * The GB/T 2260 tree for the region picker. Imported only dynamically (standard-code-pickers.tsx),
 * so that Vite puts it and the region data (~65 KB) in a chunk of their own, off the login page.
 */
export const REGION_TREE = regionTree();
