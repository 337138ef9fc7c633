// Style sheets are bundled by esbuild into the console's one CSS file; importing one adds it.
declare module '*.css';
