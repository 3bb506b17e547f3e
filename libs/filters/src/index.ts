export * from './filter-language';
export { analyseFilter, compileFilter, filterProblems, InvalidFilterError } from './compile-filter';
export type { FilterAnalysis } from './compile-filter';
