/** Rewrites Lit's standard decorators in an element's TypeScript source as `static properties` (see the .mjs). */
export declare function litStaticProperties(code: string, file: string): { code: string; map: unknown } | null;
