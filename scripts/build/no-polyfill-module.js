// Stands in for Next's polyfill-module (next/dist/build/polyfills/polyfill-module.js), which every
// page loads to patch String#trimStart, Array#flat, Array#at, Object.fromEntries, Object.hasOwn
// and the like: all of them are built into the browsers of package.json's browserslist (Next's
// own modern target), so the patches never run there. Aliased in next.config.ts.
export {};
