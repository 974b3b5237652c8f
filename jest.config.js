/** Jest: core and adapter tests run in node; React component tests opt into jsdom with a
 * `@jest-environment jsdom` docblock. */
module.exports = {
  testEnvironment: "node",
  // CI machines have 2 cores; property tests and whole-catalog loads through the fake need headroom.
  // Speed is measured by npm run bench, never by test timeouts.
  testTimeout: 60000,
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  testPathIgnorePatterns: ["/node_modules/", "/test/e2e/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node10", ignoreDeprecations: "6.0", jsx: "react-jsx", esModuleInterop: true, isolatedModules: true }, diagnostics: false }],
  },
  setupFiles: ["<rootDir>/test/setup/polyfills.js"],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
};
