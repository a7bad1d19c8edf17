export { createTestTable, manualClock, type TestTable } from '../../src/testing.js';
