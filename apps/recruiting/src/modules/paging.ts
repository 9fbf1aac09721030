/** A page of a list as the contracts ask for it (1-based). */
export interface Page {
  page: number;
  pageSize: number;
}
