/**
 * Builds the task pane (taskpane.html) and the browser preview (preview.html) into dist/.
 *
 * - ts-loader with transpileOnly: type errors are caught by `npm run typecheck`, the build stays fast.
 * - Office.js is served from OUR server (dist/office/, copied from @microsoft/office-js), never from
 *   the CDN: only office.js, the Excel host files and the zh-cn/en-us strings are copied, and they
 *   are marked minimized so the minifier does not re-process ~9 MB (45 s → seconds;
 *   ../shared/reference/toolchain-notes.md §5).
 * - devServer: https on port 3000. TIANBAO_HTTPS_KEY / TIANBAO_HTTPS_CERT (/ TIANBAO_HTTPS_CA) are
 *   file paths of a trusted certificate (office-addin-dev-certs); without them webpack-dev-server
 *   makes a self-signed one.
 */
const fs = require("fs");
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const OFFICE_DIST = path.resolve(__dirname, "node_modules/@microsoft/office-js/dist");
/** Office.js locale folders we keep (everything else of the ~150 locales is dropped). */
const KEEP_LOCALES = new Set(["zh-cn", "en-us"]);
const LOCALE_DIR = /^[a-z]{2,3}(-[a-z0-9]+)+$/;

/** Copy filter for office-js: drop other locales' string folders. */
function keepOfficeFile(resourcePath) {
  const rel = path.relative(OFFICE_DIST, resourcePath).split(path.sep);
  if (rel.length > 1 && LOCALE_DIR.test(rel[0]) && !KEEP_LOCALES.has(rel[0])) return false;
  return true;
}

function httpsServer() {
  const key = process.env.TIANBAO_HTTPS_KEY;
  const cert = process.env.TIANBAO_HTTPS_CERT;
  if (key && cert) {
    const options = { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
    if (process.env.TIANBAO_HTTPS_CA) options.ca = fs.readFileSync(process.env.TIANBAO_HTTPS_CA);
    return { type: "https", options };
  }
  return "https";
}

module.exports = (_env, argv) => {
  const production = argv.mode !== "development";
  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "eval-cheap-module-source-map",
    // Rebuilds (npm test after npm start, e2e reruns) reuse node_modules/.cache/webpack.
    cache: { type: "filesystem", buildDependencies: { config: [__filename] } },
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/preview/index.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: production ? "[name].[contenthash:8].js" : "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, configFile: "tsconfig.json" } },
        },
      ],
    },
    performance: { hints: false },
    optimization: {
      // The pane and the preview share React, Fluent, the core and the catalog: one shared chunk is
      // minified once instead of twice.
      splitChunks: { chunks: "all", name: "shared", minChunks: 2 },
      // One compress pass instead of webpack's default two: same size within 1%, less CPU on a
      // 2-core CI machine (compress itself is needed: it drops Fluent's development-only code).
      minimizeOptions: { javascript: { compress: { passes: 1 }, mangle: true } },
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new HtmlWebpackPlugin({
        filename: "preview.html",
        template: "./src/preview/preview.html",
        chunks: ["preview"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets", to: "assets" },
          {
            from: OFFICE_DIST,
            to: "office",
            info: { minimized: true },
            filter: keepOfficeFile,
            globOptions: {
              ignore: [
                "**/*.debug.js",
                "**/*vsdoc*",
                "**/*.d.ts",
                "**/outlook*",
                "**/word*",
                "**/powerpoint*",
                "**/onenote*",
                "**/project*",
                "**/access*",
                "**/visio*",
                "**/embedded/**",
              ],
            },
          },
        ],
      }),
    ],
    devServer: {
      port: 3000,
      server: httpsServer(),
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};
