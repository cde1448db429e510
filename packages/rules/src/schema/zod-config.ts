import { z } from 'zod';

// In a browser, zod's JIT probes `new Function` once; under a strict CSP (no
// 'unsafe-eval') that probe is reported as a violation even though zod falls
// back. Pages embedding OnTrack must run clean under such a CSP, so browsers
// parse without the JIT. Node keeps it: it is faster for large data files.
if (typeof (globalThis as { document?: unknown }).document !== 'undefined') z.config({ jitless: true });
