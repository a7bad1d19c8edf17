export { compilePattern, type EventPattern, testEventPattern } from './compile.js';
export { InvalidEventPatternError } from './errors.js';
