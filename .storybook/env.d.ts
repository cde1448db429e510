/** Vite bundles CSS imported by the Storybook preview. */
declare module '*.css';
