import { en } from 'zod/locales';
import { config } from 'zod/mini';

// zod/mini says only "Invalid input" unless told which messages to give: the same English ones as zod's, as the
// event contracts configure them. The request schemas take zod from here (`import * as z`), so this has run before
// any of them parses. Re-exported whole, not as a namespace object: a bundler keeps only what is used.
config(en());

export * from 'zod/mini';
